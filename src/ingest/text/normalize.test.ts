import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { casePattern, joinTokens, normalizeSyllable, normalizeText, placeTone, tokenize } from "./normalize.js";

describe("tone placement (classic convention)", () => {
  it("moves the tone of oa/oe/uy open syllables to the first vowel", () => {
    expect(normalizeSyllable("hoá")).toBe("hóa");
    expect(normalizeSyllable("thuỷ")).toBe("thủy");
    expect(normalizeSyllable("khoẻ")).toBe("khỏe");
    expect(normalizeSyllable("uỷ")).toBe("ủy");
  });
  it("keeps the tone on the last vowel before a final consonant and on shaped vowels", () => {
    expect(normalizeSyllable("hoàng")).toBe("hoàng");
    expect(normalizeSyllable("quyết")).toBe("quyết");
    expect(normalizeSyllable("thuế")).toBe("thuế");
    expect(normalizeSyllable("người")).toBe("người");
    expect(normalizeSyllable("quý")).toBe("quý");
    expect(normalizeSyllable("giữ")).toBe("giữ");
  });
  it("places a tone by rule", () => {
    expect(placeTone("hoa", 1)).toBe("hóa");
    expect(placeTone("ngoai", 2)).toBe("ngoài");
    expect(placeTone("truyen", 0)).toBe("truyen");
  });
  it("normalises a text and keeps case", () => {
    expect(normalizeText("Phòng Văn hoá, Uỷ ban\tKHOẺ")).toBe("Phòng Văn hóa, Ủy ban\tKHỎE");
  });
});

describe("tokenize", () => {
  it("splits words, numbers, punctuation and whitespace", () => {
    const t = tokenize("Số: 121/KH-UBND\n\tngày 25/4/2025");
    expect(t.map((x) => x.kind)).toEqual([
      "word",
      "punct",
      "space",
      "word",
      "punct",
      "word",
      "punct",
      "word",
      "space",
      "word",
      "space",
      "word",
      "punct",
      "word",
      "punct",
      "word",
    ]);
  });
  it("keeps OCR look-alikes inside words", () => {
    expect(tokenize("K& hoach cong ngh¢").map((x) => x.text)).toEqual(["K&", " ", "hoach", " ", "cong", " ", "ngh¢"]);
  });
  it("re-joins exactly", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(joinTokens(tokenize(s))).toBe(s);
      }),
    );
  });
});

describe("case patterns", () => {
  it("detects upper, title and lower", () => {
    expect(casePattern("UBND")).toBe("upper");
    expect(casePattern("Phòng")).toBe("title");
    expect(casePattern("phòng")).toBe("lower");
  });
});
