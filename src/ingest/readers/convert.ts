/**
 * Legacy and other office formats (.doc, .xls, .rtf, .odt, .ods) are converted to .docx/.xlsx with LibreOffice
 * (`soffice --headless --convert-to`) when it is installed; otherwise they are refused as UNSUPPORTED with a
 * Vietnamese hint to re-save the file. Each conversion gets its own profile directory (parallel-safe) and a timeout.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const SOFFICE = () => process.env.TIENDO_SOFFICE ?? "soffice";

let available: Promise<boolean> | undefined;

/** Is LibreOffice's `soffice` on PATH (or TIENDO_SOFFICE)? Cached. */
export function libreOfficeAvailable(): Promise<boolean> {
  available ??= new Promise((resolve) => {
    try {
      const child = spawn(SOFFICE(), ["--version"], { stdio: "ignore" });
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(false);
      }, 20_000);
      child.on("error", () => {
        clearTimeout(timer);
        resolve(false);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve(code === 0);
      });
    } catch {
      resolve(false);
    }
  });
  return available;
}

/**
 * Convert `bytes` (a file with extension `ext`) to `target` ("docx" | "xlsx"). Returns null when LibreOffice is
 * missing, fails or times out.
 */
export async function convertWithLibreOffice(
  bytes: Uint8Array,
  ext: string,
  target: "docx" | "xlsx",
  timeoutMs = 90_000,
  signal?: AbortSignal,
): Promise<Uint8Array | null> {
  if (!(await libreOfficeAvailable())) return null;
  const dir = await mkdtemp(join(tmpdir(), "tiendo-lo-"));
  try {
    const input = join(dir, `input.${ext.replace(/[^a-z0-9]/gi, "") || "bin"}`);
    const outDir = join(dir, "out");
    await writeFile(input, bytes);
    const ok = await new Promise<boolean>((resolve) => {
      const child = spawn(
        SOFFICE(),
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
          "--headless",
          "--norestore",
          "--nolockcheck",
          "--convert-to",
          target,
          "--outdir",
          outDir,
          input,
        ],
        { stdio: "ignore", signal },
      );
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("error", () => {
        clearTimeout(timer);
        resolve(false);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve(code === 0);
      });
    });
    if (!ok) return null;
    const files = await readdir(outDir).catch(() => [] as string[]);
    const out = files.find((f) => f.toLowerCase().endsWith(`.${target}`));
    return out ? new Uint8Array(await readFile(join(outDir, out))) : null;
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}
