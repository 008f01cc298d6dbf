import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDocument, UnreadableDocumentError } from "./index.js";
import { fakeEncryptedOle, fakeLegacyDoc, samplePlanDocx } from "./testing.js";

/** Read and return the refusal code, checking the message is Vietnamese and the time is bounded. */
async function refusal(bytes: Uint8Array, name: string, opts = {}): Promise<string> {
  const t0 = performance.now();
  try {
    await readDocument(bytes, name, opts);
    return "OK";
  } catch (err) {
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(5000);
    if (!(err instanceof UnreadableDocumentError)) throw err;
    // Vietnamese: has Vietnamese letters, no stack-trace English.
    expect(err.message).toMatch(/[ăâđêôơưàáảãạếềệểễốồộổỗớờợởỡứừựửữíìịỉĩ]/i);
    return err.code;
  }
}

function u32le(b: Uint8Array, o: number, v: number) {
  b[o] = v & 255;
  b[o + 1] = (v >>> 8) & 255;
  b[o + 2] = (v >>> 16) & 255;
  b[o + 3] = (v >>> 24) & 255;
}

/** Offsets of central-directory headers in a zip. */
function centralHeaders(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x01 && b[i + 3] === 0x02) out.push(i);
  }
  return out;
}

const docxParts = (documentXml: Uint8Array) => ({
  "[Content_Types].xml": new TextEncoder().encode("<Types/>"),
  "word/document.xml": documentXml,
});

describe("refusals", () => {
  it("EMPTY: zero bytes, whitespace only, a docx without text", async () => {
    expect(await refusal(new Uint8Array(0), "a.txt")).toBe("EMPTY");
    expect(await refusal(new TextEncoder().encode(" \n\t\r\n  "), "a.txt")).toBe("EMPTY");
    const emptyDocx = zipSync(
      docxParts(
        new TextEncoder().encode(
          '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>',
        ),
      ),
    );
    expect(await refusal(emptyDocx, "a.docx")).toBe("EMPTY");
  });

  it("BINARY: random bytes under any name", async () => {
    const rnd = new Uint8Array(64 * 1024);
    let x = 12345;
    for (let i = 0; i < rnd.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      rnd[i] = x >>> 24;
    }
    for (const name of ["a.txt", "a.csv", "a.docx", "a.pdf", "a.xlsx", "noext"]) {
      expect(await refusal(rnd, name), name).toBe("BINARY");
    }
  });

  it("TRUNCATED: a cut docx, a cut xlsx-like zip, a cut pdf", async () => {
    const docx = await samplePlanDocx();
    expect(await refusal(docx.subarray(0, Math.floor(docx.length / 2)), "cut.docx")).toBe("TRUNCATED");
    expect(await refusal(docx.subarray(0, 100), "cut.docx")).toBe("TRUNCATED");
    const pdf = new TextEncoder().encode(
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty",
    );
    expect(await refusal(pdf, "cut.pdf")).toBe("TRUNCATED");
  });

  it("ENCRYPTED: password-protected Office file (OLE with EncryptionInfo), zip with encrypted entries", async () => {
    expect(await refusal(fakeEncryptedOle(), "secret.docx")).toBe("ENCRYPTED");
    const zip = zipSync(docxParts(new TextEncoder().encode("<w:document/>")));
    for (const off of centralHeaders(zip)) zip[off + 8] = zip[off + 8]! | 1; // general-purpose flag bit 0
    expect(await refusal(zip, "enc.docx")).toBe("ENCRYPTED");
  });

  it("TOO_LARGE: default 50 MB and a configured limit", async () => {
    expect(await refusal(new Uint8Array(50 * 1024 * 1024 + 1), "big.txt")).toBe("TOO_LARGE");
    expect(await refusal(new TextEncoder().encode("Kế hoạch ".repeat(200)), "a.txt", { maxBytes: 1000 })).toBe(
      "TOO_LARGE",
    );
  });

  it("ZIP_BOMB: extreme ratio, lying size fields, declared sizes over the limit, too many entries", async () => {
    const zeros = new Uint8Array(12 * 1024 * 1024);
    const ratio = zipSync(docxParts(zeros), { level: 9 });
    expect(ratio.length).toBeLessThan(100_000);
    expect(await refusal(ratio, "bomb.docx")).toBe("ZIP_BOMB");

    // Central directory claims 100 bytes, the data inflates to 12 MB.
    const lying = ratio.slice();
    for (const off of centralHeaders(lying)) u32le(lying, off + 24, 100);
    expect(await refusal(lying, "lying.docx", { maxUncompressedBytes: 10 * 1024 * 1024 })).toBe("ZIP_BOMB");

    // Declared sizes beyond the 200 MB budget are refused before inflating anything.
    const small = zipSync(docxParts(new TextEncoder().encode("<w:document/>")));
    for (const off of centralHeaders(small)) u32le(small, off + 24, 0xf0000000);
    expect(await refusal(small, "declared.docx")).toBe("ZIP_BOMB");

    const many: Record<string, Uint8Array> = { "word/document.xml": new TextEncoder().encode("<w:document/>") };
    for (let i = 0; i < 20_001; i++) many[`x/${i}`] = new Uint8Array(0);
    expect(await refusal(zipSync(many, { level: 0 }), "many.docx")).toBe("ZIP_BOMB");

    // The same guard runs before exceljs sees an .xlsx.
    const xlsxBomb = zipSync({ "xl/workbook.xml": new TextEncoder().encode("<workbook/>"), "xl/big.xml": zeros });
    expect(await refusal(xlsxBomb, "bomb.xlsx")).toBe("ZIP_BOMB");
  });

  it("UNSUPPORTED: legacy .doc, RTF, a zip that is neither docx nor xlsx", async () => {
    // convert: false — as on a server without LibreOffice.
    expect(await refusal(fakeLegacyDoc(), "old.doc", { convert: false })).toBe("UNSUPPORTED");
    expect(await refusal(new TextEncoder().encode("{\\rtf1\\ansi Ke hoach}"), "a.rtf", { convert: false })).toBe(
      "UNSUPPORTED",
    );
    expect(await refusal(zipSync({ "readme.txt": new TextEncoder().encode("hello") }), "a.zip")).toBe("UNSUPPORTED");
  });

  it("a .txt that is really a docx is read as a docx (content wins over the name)", async () => {
    const doc = await readDocument(await samplePlanDocx(), "misnamed.txt");
    expect(doc.format).toBe("docx");
  });
});
