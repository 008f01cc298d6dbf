/**
 * `tiendo import FILE… [--out DIR] [--json]` — import plan documents (txt, csv, docx, pdf, xlsx, scanned images)
 * into `tiendo.plan.v1` JSON: one `<base>.json` per input in DIR (default: the current directory), or the JSON on
 * stdout with --json for a single file. Unreadable inputs are reported with a Vietnamese reason and a non-zero exit
 * code, the other files are still processed.
 */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  DEFAULT_MAX_BYTES,
  type ReadProgress,
  readDocument,
  UnreadableDocumentError,
} from "../../ingest/readers/index.js";

export interface ImportCommandOptions {
  out?: string;
  json?: boolean;
  maxMb?: string;
  quiet?: boolean;
}

/** Exit codes: 0 all imported, 1 some input unreadable or failed, 2 usage error. */
export const EXIT_UNREADABLE = 1;
export const EXIT_USAGE = 2;

function outputName(file: string, used: Set<string>): string {
  const base = path.basename(file).replace(/\.[^.]+$/, "") || "plan";
  let name = `${base}.json`;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}.json`;
  used.add(name);
  return name;
}

function mbText(bytes: number): string {
  const m = bytes / 1048576;
  return m >= 10 ? m.toFixed(0) : m >= 0.1 ? m.toFixed(1) : m.toFixed(3);
}

interface Progress {
  stage(stage: string, fraction: number): void;
  read(p: ReadProgress): void;
}

function progressPrinter(file: string, enabled: boolean): Progress {
  const started = Date.now();
  let lastPrint = 0;
  const print = (msg: string, force = false) => {
    if (!enabled) return;
    const now = Date.now();
    // Only long files get progress lines (after 1.5 s), at most every 0.5 s.
    if (now - started < 1500 || (now - lastPrint < 500 && !force)) return;
    lastPrint = now;
    process.stderr.write(`  ${path.basename(file)}: ${msg} (${((now - started) / 1000).toFixed(1)} s)\n`);
  };
  const labels: Record<string, string> = {
    read: "đọc tệp",
    clean: "làm sạch",
    restore: "khôi phục dấu",
    extract: "trích xuất",
    done: "xong",
  };
  return {
    stage: (stage, fraction) => print(`${labels[stage] ?? stage} ${Math.round(fraction * 100)}%`, stage === "done"),
    read: (p) => {
      const where = p.page && p.pages ? ` trang ${p.page}/${p.pages}` : "";
      print(p.stage === "ocr" ? `nhận dạng chữ (OCR)${where}` : `đọc${where}`, p.stage === "ocr");
    },
  };
}

export async function runImport(files: string[], opts: ImportCommandOptions): Promise<number> {
  if (files.length === 0) {
    process.stderr.write("Lỗi: cần ít nhất một tệp để nhập.\n");
    return EXIT_USAGE;
  }
  if (opts.json && files.length > 1) {
    process.stderr.write("Lỗi: --json chỉ dùng khi nhập một tệp (nhiều tệp: dùng --out THƯ_MỤC).\n");
    return EXIT_USAGE;
  }
  const maxBytes = opts.maxMb ? Math.round(Number(opts.maxMb) * 1024 * 1024) : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) {
    process.stderr.write("Lỗi: --max-mb phải là số dương.\n");
    return EXIT_USAGE;
  }
  const { importPlan } = await import("../../ingest/index.js");
  const outDir = path.resolve(opts.out ?? ".");
  if (!opts.json) await mkdir(outDir, { recursive: true });
  const used = new Set<string>();
  let failures = 0;
  for (const file of files) {
    const t0 = performance.now();
    try {
      const st = await stat(file).catch(() => null);
      if (!st?.isFile()) {
        process.stderr.write(`✗ ${file}: không tìm thấy tệp.\n`);
        failures++;
        continue;
      }
      const limit = maxBytes ?? DEFAULT_MAX_BYTES;
      if (st.size > limit) {
        // Refuse before reading the file into memory.
        throw new UnreadableDocumentError(
          "TOO_LARGE",
          `Tệp quá lớn (${mbText(st.size)} MB > ${mbText(limit)} MB; dùng --max-mb để nới giới hạn).`,
        );
      }
      const bytes = new Uint8Array(await readFile(file));
      const progress = progressPrinter(file, !opts.quiet);
      const fileName = path.basename(file);
      // Read here (not inside importPlan) to pass the size limit and report per-page/OCR progress.
      const doc = await readDocument(bytes, fileName, { maxBytes: limit, onProgress: progress.read });
      const imported = await importPlan({ text: doc.text, fileName }, { onProgress: progress.stage });
      const result = { ...imported, warnings: [...doc.warnings, ...imported.warnings] };
      const json = `${JSON.stringify(result.plan, null, 2)}\n`;
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      if (opts.json) {
        process.stdout.write(json);
        for (const w of result.warnings) process.stderr.write(`  ! ${w}\n`);
      } else {
        const target = path.join(outDir, outputName(file, used));
        await writeFile(target, json, "utf8");
        const tasks = result.plan.tasks.length;
        if (!opts.quiet) {
          process.stderr.write(`✓ ${file} → ${target} (${tasks} nhiệm vụ, ${secs} s)\n`);
          for (const w of result.warnings) process.stderr.write(`  ! ${w}\n`);
        }
      }
    } catch (err) {
      failures++;
      if (err instanceof UnreadableDocumentError) {
        process.stderr.write(`✗ ${file}: ${err.message}\n`);
      } else {
        const msg = err instanceof Error ? err.message : String(err);
        process.stderr.write(`✗ ${file}: lỗi khi nhập (${msg}).\n`);
      }
    }
  }
  return failures > 0 ? EXIT_UNREADABLE : 0;
}

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("Nhập văn bản kế hoạch (txt, csv, docx, pdf, xlsx, ảnh quét) thành JSON tiendo.plan.v1")
    .argument("<files...>", "các tệp cần nhập")
    .option("-o, --out <dir>", "thư mục ghi các tệp <tên>.json (mặc định: thư mục hiện tại)")
    .option("--json", "in JSON ra stdout thay vì ghi tệp (chỉ khi nhập một tệp)")
    .option("--max-mb <n>", "giới hạn dung lượng mỗi tệp, MB (mặc định 50)")
    .option("-q, --quiet", "không in tiến trình")
    .action(async (files: string[], opts: ImportCommandOptions) => {
      process.exitCode = await runImport(files, opts);
    });
}
