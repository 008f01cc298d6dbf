import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { csvToText, parseCsv } from "./csv.js";
import { decodeTcvn3, decodeText, decodeVni, encodeTcvn3, encodeVni } from "./encoding.js";
import { readDocument, UnreadableDocumentError } from "./index.js";
import { isVietnameseSyllable } from "./vietnamese.js";

const PLAN = `ỦY BAN NHÂN DÂN THỊ XÃ MỸ HÀO
KẾ HOẠCH
Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thị xã Mỹ Hào năm 2025
1. Tuyên truyền, phổ biến, quán triệt chủ trương, đường lối của Đảng; nâng cao nhận thức về vai trò của khoa học.
- Đơn vị chủ trì: Phòng Văn hóa, Khoa học và Thông tin thị xã.
- Đơn vị phối hợp: Các phòng, ban, ngành thị xã; UBND các xã, phường.
- Thời gian thực hiện: Thường xuyên; hoàn thành trước ngày 31/12/2025.
Những người dũng cảm, khuyến khích ứng dụng, nghiên cứu, quyết định, nguyện vọng, ưu tiên, yêu cầu, khuỷu tay.`;

/**
 * An independent VNI-Windows encoder written from the published key layout (base letter + one mark byte), used to
 * produce test input without going through the decoder's own tables.
 */
function vniEncode(text: string): Uint8Array {
  const out: number[] = [];
  const TONE: Record<string, number> = {
    "\u0301": 0xf9,
    "\u0300": 0xf8,
    "\u0309": 0xfb,
    "\u0303": 0xf5,
    "\u0323": 0xef,
  };
  const CIRC_TONE: Record<string, number> = {
    "": 0xe2,
    "\u0301": 0xe1,
    "\u0300": 0xe0,
    "\u0309": 0xe5,
    "\u0303": 0xe3,
    "\u0323": 0xe4,
  };
  const BREVE_TONE: Record<string, number> = {
    "": 0xea,
    "\u0301": 0xe9,
    "\u0300": 0xe8,
    "\u0309": 0xfa,
    "\u0303": 0xfc,
    "\u0323": 0xeb,
  };
  const I_TONE: Record<string, number> = {
    "\u0301": 0xed,
    "\u0300": 0xec,
    "\u0309": 0xe6,
    "\u0303": 0xf3,
    "\u0323": 0xf2,
  };
  const up = (b: number, upper: boolean) => (upper && b >= 0xe0 ? b - 0x20 : b);
  for (const ch of text.normalize("NFC")) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    if (ch === "đ" || ch === "Đ") {
      out.push(ch === "đ" ? 0xf1 : 0xd1);
      continue;
    }
    const d = ch.normalize("NFD");
    const base = d[0]!;
    const upper = base !== base.toLowerCase();
    const lower = base.toLowerCase();
    const marks = d.slice(1);
    const tone = [...marks].find((m) => m in TONE) ?? "";
    const shape = [...marks].find((m) => m === "\u0302" || m === "\u0306" || m === "\u031b") ?? "";
    if (lower === "i" && tone) out.push(up(I_TONE[tone]!, upper));
    else if (lower === "y" && tone === "\u0323") out.push(upper ? 0xce : 0xee);
    else if (shape === "\u031b") {
      out.push(up(lower === "o" ? 0xf4 : 0xf6, upper));
      if (tone) out.push(up(TONE[tone]!, upper));
    } else if (shape === "\u0302") out.push(base.charCodeAt(0), up(CIRC_TONE[tone]!, upper));
    else if (shape === "\u0306") out.push(base.charCodeAt(0), up(BREVE_TONE[tone]!, upper));
    else if (tone) out.push(base.charCodeAt(0), up(TONE[tone]!, upper));
    else out.push(0x3f);
  }
  return Uint8Array.from(out);
}

const utf16 = (s: string, be: boolean, bom: boolean) => {
  const b = Buffer.from(s, "utf16le");
  if (be) b.swap16();
  const prefix = bom ? (be ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  return Uint8Array.from([...prefix, ...b]);
};

describe("Vietnamese syllables", () => {
  it("accepts real syllables and rejects mojibake", () => {
    for (const w of ["người", "khuyến", "nghiệp", "Trường", "quyết", "giữa", "ĐỔI", "khuỷu", "chuyển"]) {
      expect(isVietnameseSyllable(w), w).toBe(true);
    }
    for (const w of ["ng­êi", "Vieät", "Tröôøng", "Ãà", "cục̣", "ñaïi"]) expect(isVietnameseSyllable(w), w).toBe(false);
  });
});

describe("decodeText", () => {
  it("UTF-8 with and without BOM", () => {
    const b = new TextEncoder().encode(PLAN);
    expect(decodeText(b)).toMatchObject({ text: PLAN, encoding: "utf-8" });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...b]))).toMatchObject({ text: PLAN, encoding: "utf-8" });
  });

  it("UTF-16 LE/BE, with BOM and by heuristic", () => {
    for (const be of [false, true]) {
      for (const bom of [true, false]) {
        const r = decodeText(utf16(PLAN, be, bom));
        expect(r.text).toBe(PLAN);
        expect(r.encoding).toBe(be ? "utf-16be" : "utf-16le");
      }
    }
  });

  it("normalises decomposed (NFD) UTF-8 to NFC and CRLF to LF", () => {
    const b = new TextEncoder().encode(PLAN.normalize("NFD").replace(/\n/g, "\r\n"));
    expect(decodeText(b).text).toBe(PLAN);
  });

  it("VNI-Windows from an independent encoder", () => {
    const bytes = vniEncode(PLAN);
    // The classic look of VNI text read as Windows-1252:
    expect(new TextDecoder("windows-1252").decode(bytes)).toContain("Phoøng Vaên hoùa");
    expect(decodeVni(bytes)).toBe(PLAN);
    const r = decodeText(bytes);
    expect(r.encoding).toBe("vni");
    expect(r.text).toBe(PLAN);
    expect(r.warnings.join(" ")).toContain("VNI");
    // The decoder's own encoder agrees with the independent one.
    expect(Buffer.from(encodeVni(PLAN)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("TCVN3 (ABC lower-case half, and the full TCVN 5712 table with toned capitals)", () => {
    const lower = PLAN.toLowerCase();
    const bytes = encodeTcvn3(lower);
    expect(decodeTcvn3(bytes)).toBe(lower);
    const r = decodeText(bytes);
    expect(r.encoding).toBe("tcvn3");
    expect(r.text).toBe(lower);
    // Mixed case: TCVN3 has upper-case Ă Â Ê Ô Ơ Ư Đ and (TCVN 5712 full table) the toned capitals.
    expect(decodeText(encodeTcvn3(PLAN)).text).toBe(PLAN);
  });

  it("TCVN3 known strings (as seen in the wild)", () => {
    expect(decodeTcvn3(Buffer.from("B¶o Th¾ng", "latin1"))).toBe("Bảo Thắng");
    expect(decodeTcvn3(Buffer.from("M\u00adêng Kh\u00ad\u00acng", "latin1"))).toBe("Mường Khương");
    expect(decodeTcvn3(Buffer.from("§¬n vÞ chñ tr×", "latin1"))).toBe("Đơn vị chủ trì");
  });

  it("agrees with iconv's TCVN5712-1 where iconv is available", () => {
    let iconv: Uint8Array | null = null;
    try {
      iconv = execFileSync("iconv", ["-f", "UTF-8", "-t", "TCVN5712-1"], { input: PLAN.toLowerCase() });
    } catch {
      return; // iconv without TCVN tables: nothing to compare against
    }
    expect(decodeTcvn3(iconv!).normalize("NFC")).toBe(PLAN.toLowerCase());
  });

  it("Windows-1258 (combining tone marks)", () => {
    let bytes: Uint8Array;
    try {
      bytes = execFileSync("iconv", ["-f", "UTF-8", "-t", "WINDOWS-1258"], { input: PLAN });
    } catch {
      return;
    }
    const r = decodeText(bytes);
    expect(r.encoding).toBe("windows-1258");
    expect(r.text).toBe(PLAN);
  });

  it("refuses binary data", () => {
    const rnd = new Uint8Array(4096);
    for (let i = 0; i < rnd.length; i++) rnd[i] = (i * 2654435761) >>> 24;
    expect(() => decodeText(rnd)).toThrow(UnreadableDocumentError);
    const zeros = new Uint8Array(1000);
    expect(() => decodeText(zeros)).toThrow(UnreadableDocumentError);
  });
});

describe("CSV", () => {
  it("parses quotes, escaped quotes, quoted newlines and guesses the delimiter", () => {
    const csv = 'STT,Nhiệm vụ,Chủ trì\n1,"Tuyên truyền, phổ biến","Phòng ""Văn hóa"""\n2,"Hai\ndòng",Phòng Kinh tế\n';
    expect(parseCsv(csv)).toEqual([
      ["STT", "Nhiệm vụ", "Chủ trì"],
      ["1", "Tuyên truyền, phổ biến", 'Phòng "Văn hóa"'],
      ["2", "Hai\ndòng", "Phòng Kinh tế"],
    ]);
    expect(csvToText(csv)).toBe(
      'STT\tNhiệm vụ\tChủ trì\n1\tTuyên truyền, phổ biến\tPhòng "Văn hóa"\n2\tHai dòng\tPhòng Kinh tế',
    );
    expect(csvToText("STT;Nhiệm vụ;Thời gian\n1;Làm A, B;Năm 2025\n")).toBe(
      "STT\tNhiệm vụ\tThời gian\n1\tLàm A, B\tNăm 2025",
    );
  });

  it("reads a VNI-encoded CSV through readDocument", async () => {
    const csv = "STT,Nhiệm vụ,Cơ quan chủ trì\n1,Xây dựng cơ sở dữ liệu,Phòng Kinh tế\n";
    const doc = await readDocument(vniEncode(csv), "ke-hoach.csv");
    expect(doc.format).toBe("csv");
    expect(doc.text).toBe("STT\tNhiệm vụ\tCơ quan chủ trì\n1\tXây dựng cơ sở dữ liệu\tPhòng Kinh tế");
  });
});

describe("HTML", () => {
  it("reads a plan saved as a web page: blocks, lists, tables, entities; drops scripts and styles", async () => {
    const html = `<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>
<script>var a = "<p>không</p>";</script>
<p class=MsoNormal>K&Ecirc;́ HOẠCH<br>Phát triển khoa học&nbsp;năm 2025</p>
<ol><li>Tuyên truyền</li><li>Đào tạo<ul><li>cán bộ</li></ul></li></ol>
<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Chủ trì</th></tr>
<tr><td>1</td><td><p>Xây dựng</p><p>cơ sở dữ liệu</p></td><td>Phòng Kinh tế &amp; Hạ tầng</td></tr></table>
<div>Hết.</div></body></html>`;
    const doc = await readDocument(new TextEncoder().encode(html), "ke-hoach.htm");
    expect(doc.text.split("\n")).toEqual([
      "KẾ HOẠCH",
      "Phát triển khoa học năm 2025",
      "1. Tuyên truyền",
      "2. Đào tạo",
      "- cán bộ",
      "STT\tNhiệm vụ\tChủ trì",
      "1\tXây dựng cơ sở dữ liệu\tPhòng Kinh tế & Hạ tầng",
      "Hết.",
    ]);
  });
});
