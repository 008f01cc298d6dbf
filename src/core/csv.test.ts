import { describe, expect, it } from "vitest";
import { csvCell, unguardCsvCell } from "./csv.js";

describe("csvCell", () => {
  it("quotes only when needed and doubles quotes", () => {
    expect(csvCell("Phường Gò Vấp")).toBe("Phường Gò Vấp");
    expect(csvCell("Phòng Văn hóa, Khoa học và Thông tin")).toBe('"Phòng Văn hóa, Khoa học và Thông tin"');
    expect(csvCell('Đề án "Chuyển đổi số"')).toBe('"Đề án ""Chuyển đổi số"""');
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell(" lề")).toBe('" lề"');
  });
  it("guards cells that a spreadsheet would run as a formula, and reading undoes the guard", () => {
    for (const v of ["=HYPERLINK(1)", "+1", "- Tuyên truyền", "@SUM(A1)", "\tx"]) {
      const cell = csvCell(v);
      expect(cell.replace(/^"|"$/g, "").startsWith("'")).toBe(true);
      expect(unguardCsvCell(cell.replace(/^"|"$/g, ""))).toBe(v);
    }
    expect(unguardCsvCell("'bình thường")).toBe("'bình thường");
  });
});
