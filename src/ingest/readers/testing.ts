/**
 * Test-only generators: minimal PDFs written byte by byte (text with the standard Helvetica font, ruled lines,
 * JPEG-only scanned pages, RC4 40-bit encryption), a fake encrypted OLE/CFB Office file, and a sample plan .docx
 * built with the `docx` package. Not imported by production code.
 */
import { createHash } from "node:crypto";

// ------------------------------------------------------------------------------------------------ PDF writer

export interface PdfText {
  x: number;
  y: number;
  text: string;
  size?: number;
  /** Rotation in degrees (watermarks). */
  rotate?: number;
}

export interface PdfPageSpec {
  texts?: PdfText[];
  /** Lines to stroke: [x0, y0, x1, y1]. */
  lines?: [number, number, number, number][];
  /** A JPEG image covering the page (scanned page, no text layer). */
  jpeg?: Uint8Array;
}

export interface PdfOptions {
  encrypt?: { user: string; owner: string };
  width?: number;
  height?: number;
}

const PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00,
  0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

function md5(...parts: Uint8Array[]): Uint8Array {
  const h = createHash("md5");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

function padPassword(pw: string): Uint8Array {
  const b = new TextEncoder().encode(pw).subarray(0, 32);
  const out = new Uint8Array(32);
  out.set(b);
  out.set(PAD.subarray(0, 32 - b.length), b.length);
  return out;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function escapePdfString(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** Write a small PDF. Text uses Helvetica/WinAnsi (Latin-1 only); good for layout and refusal tests. */
export function makePdf(pages: PdfPageSpec[], opts: PdfOptions = {}): Uint8Array {
  const W = opts.width ?? 595;
  const H = opts.height ?? 842;
  const objects: (Uint8Array | null)[] = [];
  const alloc = () => objects.push(null);
  const catalog = alloc();
  const pagesObj = alloc();
  const font = alloc();
  const fileId = md5(latin1(`tiendo-${pages.length}-${JSON.stringify(opts)}`));
  let key: Uint8Array | null = null;
  let encryptObj = 0;
  let O: Uint8Array = new Uint8Array(0);
  let U: Uint8Array = new Uint8Array(0);
  const P = -44; // print allowed, everything else denied
  if (opts.encrypt) {
    O = rc4(md5(padPassword(opts.encrypt.owner)).subarray(0, 5), padPassword(opts.encrypt.user));
    const p = new Uint8Array(4);
    new DataView(p.buffer).setInt32(0, P, true);
    key = md5(padPassword(opts.encrypt.user), O, p, fileId).subarray(0, 5);
    U = rc4(key, PAD);
    encryptObj = alloc();
  }
  const objKey = (num: number) => {
    const k = new Uint8Array(key!.length + 5);
    k.set(key!);
    k[key!.length] = num & 255;
    k[key!.length + 1] = (num >> 8) & 255;
    k[key!.length + 2] = (num >> 16) & 255;
    return md5(k).subarray(0, Math.min(16, key!.length + 5));
  };
  const stream = (num: number, dict: string, data: Uint8Array) => {
    const body = key ? rc4(objKey(num), data) : data;
    const head = latin1(`${dict.replace(/>>$/, "")} /Length ${body.length} >>\nstream\n`);
    const tail = latin1("\nendstream");
    const out = new Uint8Array(head.length + body.length + tail.length);
    out.set(head);
    out.set(body, head.length);
    out.set(tail, head.length + body.length);
    return out;
  };
  const pageIds: number[] = [];
  for (const pg of pages) {
    const pageId = alloc();
    const contentId = alloc();
    pageIds.push(pageId);
    let content = "";
    let xobj = "";
    if (pg.jpeg) {
      const imgId = alloc();
      const { width, height, components } = jpegSize(pg.jpeg);
      const cs = components === 1 ? "DeviceGray" : components === 4 ? "DeviceCMYK" : "DeviceRGB";
      objects[imgId - 1] = stream(
        imgId,
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /${cs} /BitsPerComponent 8 /Filter /DCTDecode >>`,
        pg.jpeg,
      );
      content += `q ${W} 0 0 ${H} 0 0 cm /Im1 Do Q\n`;
      xobj = ` /XObject << /Im1 ${imgId} 0 R >>`;
    }
    for (const [x0, y0, x1, y1] of pg.lines ?? []) content += `0.5 w ${x0} ${y0} m ${x1} ${y1} l S\n`;
    for (const t of pg.texts ?? []) {
      if (t.rotate) {
        const r = (t.rotate * Math.PI) / 180;
        const [c, n] = [Math.cos(r).toFixed(4), Math.sin(r).toFixed(4)];
        content += `BT /F1 ${t.size ?? 11} Tf ${c} ${n} ${(-Math.sin(r)).toFixed(4)} ${c} ${t.x} ${t.y} Tm (${escapePdfString(t.text)}) Tj ET\n`;
      } else content += `BT /F1 ${t.size ?? 11} Tf ${t.x} ${t.y} Td (${escapePdfString(t.text)}) Tj ET\n`;
    }
    objects[contentId - 1] = stream(contentId, "<< >>", latin1(content));
    objects[pageId - 1] = latin1(
      `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${W} ${H}] /Contents ${contentId} 0 R /Resources << /Font << /F1 ${font} 0 R >>${xobj} >> >>`,
    );
  }
  objects[catalog - 1] = latin1(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`);
  objects[pagesObj - 1] = latin1(
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`,
  );
  objects[font - 1] = latin1("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  if (opts.encrypt) {
    objects[encryptObj - 1] = latin1(`<< /Filter /Standard /V 1 /R 2 /O <${hex(O)}> /U <${hex(U)}> /P ${P} >>`);
  }
  const chunks: Uint8Array[] = [latin1("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const head = latin1(`${i + 1} 0 obj\n`);
    const tail = latin1("\nendobj\n");
    chunks.push(head, body!, tail);
    offset += head.length + body!.length + tail.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const o of offsets) xref.push(`${String(o).padStart(10, "0")} 00000 n \n`);
  const enc = opts.encrypt ? ` /Encrypt ${encryptObj} 0 R` : "";
  xref.push(
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${enc} /ID [<${hex(fileId)}> <${hex(fileId)}>] >>\nstartxref\n${offset}\n%%EOF\n`,
  );
  chunks.push(latin1(xref.join("")));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Width/height from a JPEG's SOF marker. */
export function jpegSize(b: Uint8Array): { width: number; height: number; components: number } {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1]!;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]!, components: b[i + 9]! };
    }
    i += 2 + len;
  }
  throw new Error("not a JPEG");
}

// ------------------------------------------------------------------------------------------------ OLE (CFB)

/** A minimal-looking compound file whose directory names an EncryptionInfo stream (like a password-protected .docx). */
export function fakeEncryptedOle(): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const names = ["Root Entry", "EncryptionInfo", "EncryptedPackage"];
  names.forEach((n, k) => {
    for (let i = 0; i < n.length; i++) b[1024 + k * 128 + i * 2] = n.charCodeAt(i);
  });
  return b;
}

/** A compound file without encryption streams (a legacy .doc). */
export function fakeLegacyDoc(): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const n = "WordDocument";
  for (let i = 0; i < n.length; i++) b[1024 + i * 2] = n.charCodeAt(i);
  return b;
}

// ------------------------------------------------------------------------------------------------ sample plan

export const SAMPLE_TASKS = [
  [
    "1",
    "Tuyên truyền, phổ biến, quán triệt chủ trương, đường lối của Đảng về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "Kế hoạch tuyên truyền",
    "Phòng Văn hóa, Khoa học và Thông tin",
    "Các phòng, ban, ngành thị xã",
    "Thường xuyên",
  ],
  [
    "2",
    "Xây dựng cơ sở dữ liệu về doanh nghiệp khoa học và công nghệ",
    "Cơ sở dữ liệu",
    "Phòng Kinh tế",
    "UBND các xã, phường",
    "Tháng 9/2025",
  ],
  ["3", "Tổ chức hội thảo đổi mới sáng tạo", "Hội thảo", "Phòng Kinh tế", "Các đơn vị liên quan", "Năm 2025"],
] as const;

export const SAMPLE_HEADER = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"];

/** A plan .docx like the ones People's Committees issue: emblem header table, numbered sections, appendix table. */
export async function samplePlanDocx(opts: { bordersOnLayout?: boolean } = {}): Promise<Uint8Array> {
  const d = await import("docx");
  const { Document, Packer, Paragraph, TextRun, Table, TableRow, TableCell, AlignmentType, LevelFormat, BorderStyle } =
    d;
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const noBorders = opts.bordersOnLayout
    ? undefined
    : { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const p = (text: string, extra: Record<string, unknown> = {}) => new Paragraph({ text, ...extra });
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: "plan",
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: "%1.", alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.DECIMAL, text: "%2.", alignment: AlignmentType.START },
            { level: 2, format: LevelFormat.DECIMAL, text: "%2.%3.", alignment: AlignmentType.START },
            { level: 3, format: LevelFormat.LOWER_LETTER, text: "%4)", alignment: AlignmentType.START },
          ],
        },
        {
          reference: "dash",
          levels: [
            { level: 0, format: LevelFormat.BULLET, text: "-", alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.BULLET, text: "+", alignment: AlignmentType.START },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Table({
            borders: noBorders,
            rows: [
              new TableRow({
                children: [
                  new TableCell({
                    children: [p("ỦY BAN NHÂN DÂN"), p("THỊ XÃ MỸ HÀO"), p("Số: 121/KH-UBND")],
                  }),
                  new TableCell({
                    children: [
                      p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                      p("Độc lập - Tự do - Hạnh phúc"),
                      p("Mỹ Hào, ngày 25 tháng 4 năm 2025"),
                    ],
                  }),
                ],
              }),
            ],
          }),
          p("KẾ HOẠCH"),
          new Paragraph({
            children: [
              new TextRun("Phát triển khoa học, công nghệ, đổi mới sáng tạo"),
              new TextRun({ text: "và chuyển đổi số thị xã Mỹ Hào năm 2025", break: 1 }),
            ],
          }),
          p("MỤC TIÊU", { numbering: { reference: "plan", level: 0 } }),
          p("Nâng cao nhận thức về đổi mới sáng tạo.", { numbering: { reference: "dash", level: 0 } }),
          p("Đẩy mạnh chuyển đổi số.", { numbering: { reference: "dash", level: 0 } }),
          p("trong cơ quan nhà nước;", { numbering: { reference: "dash", level: 1 } }),
          p("NHIỆM VỤ", { numbering: { reference: "plan", level: 0 } }),
          p("Nâng cao nhận thức", { numbering: { reference: "plan", level: 1 } }),
          p("Tuyên truyền, phổ biến chủ trương", { numbering: { reference: "plan", level: 2 } }),
          p("Đơn vị chủ trì: Phòng Văn hóa, Khoa học và Thông tin."),
          p("Thời gian thực hiện: Thường xuyên."),
          p("Đào tạo nhân lực", { numbering: { reference: "plan", level: 2 } }),
          p("Nội dung thứ nhất", { numbering: { reference: "plan", level: 3 } }),
          p("Nội dung thứ hai", { numbering: { reference: "plan", level: 3 } }),
          p("PHỤ LỤC"),
          new Table({
            rows: [
              new TableRow({ children: SAMPLE_HEADER.map((h) => new TableCell({ children: [p(h)] })) }),
              ...SAMPLE_TASKS.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [p(c)] })) })),
            ],
          }),
          p("Kế hoạch này được triển khai đến các đơn vị."),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// ------------------------------------------------------------------------------------------------ adversarial text

/** ~1 MB of text built to stress the parsers: long lines, digit runs, bullets, commas, deep numbering, big tables. */
export function adversarialText(targetBytes = 1024 * 1024): string {
  const parts: string[] = ["KẾ HOẠCH", "Số: 1/KH-UBND"];
  let size = 0;
  let k = 0;
  while (size < targetBytes) {
    const chunk: string[] = [];
    switch (k % 7) {
      case 0:
        chunk.push(`${"Đơn vị chủ trì, phối hợp, ".repeat(2000)}`);
        break;
      case 1:
        chunk.push("1234567890".repeat(3000));
        break;
      case 2:
        for (let i = 0; i < 500; i++) chunk.push(`${"- ".repeat(20)}+ Phòng Kinh tế; UBND các xã,,,,;;;`);
        break;
      case 3:
        chunk.push(`${Array.from({ length: 60 }, () => "1").join(".")}. Nhiệm vụ sâu`);
        for (let d = 1; d < 200; d++)
          chunk.push(`${Array.from({ length: d }, (_, i) => String(i + 1)).join(".")}. Mục ${d}`);
        break;
      case 4:
        chunk.push("STT\tNhiệm vụ\tSản phẩm\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian");
        for (let r = 1; r < 1500; r++)
          chunk.push(`${r}\tNhiệm vụ ${r}, ${r}, ${r}\tBáo cáo\tPhòng ${r}\tCác đơn vị\tNăm 2025`);
        break;
      case 5:
        chunk.push(`Thời gian: ${"ngày 01/01/2025, ".repeat(3000)}`);
        break;
      case 6:
        chunk.push(`${"((((((((((".repeat(500)}${"Ủy ban nhân dân ".repeat(500)}${"))))))))))".repeat(500)}`);
        break;
    }
    const s = chunk.join("\n");
    parts.push(s);
    size += Buffer.byteLength(s);
    k++;
  }
  return parts.join("\n");
}
