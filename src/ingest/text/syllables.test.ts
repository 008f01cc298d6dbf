import { describe, expect, it } from "vitest";
import { isSyllable, syllableFoldIndex, syllableInventory } from "./syllables.js";

describe("syllable inventory", () => {
  it("contains common syllables in classic tone placement", () => {
    for (const s of ["ủy", "hóa", "nghiệp", "quốc", "người", "khuyến", "giữa", "gì", "thủy", "tuệ", "khỏe", "yêu"])
      expect(syllableInventory().has(s), s).toBe(true);
  });
  it("respects spelling rules and the tone restriction on checked rhymes", () => {
    for (const s of ["kan", "ghá", "ngí", "cé", "tàp", "hoặc" + "x", "quấc" + "h", "mỏc", "bình" + "a"])
      expect(isSyllable(s), s).toBe(false);
    expect(isSyllable("tập")).toBe(true);
    expect(isSyllable("tàp")).toBe(false);
  });
  it("accepts either tone placement", () => {
    expect(isSyllable("hoá")).toBe(true);
    expect(isSyllable("thuỷ")).toBe(true);
  });
  it("indexes folded forms", () => {
    const doi = syllableFoldIndex().get("doi")!;
    expect(doi).toContain("đổi");
    expect(doi).toContain("đội");
    expect(syllableFoldIndex().get("nghiep")).toContain("nghiệp");
  });
});
