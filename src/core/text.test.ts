import { describe, expect, it } from "vitest";
import { foldKeepLength, searchKey } from "./text.js";

describe("foldKeepLength", () => {
  it("removes diacritics and đ, keeping each index", () => {
    const s = "Phòng Văn hóa, Khoa học và Thông tin; ĐỔI MỚI";
    const f = foldKeepLength(s);
    expect(f).toBe("phong van hoa, khoa hoc va thong tin; doi moi");
    expect(f.length).toBe(s.length);
  });
});

describe("searchKey", () => {
  it("makes names comparable without diacritics or punctuation", () => {
    expect(searchKey("Phòng Kinh tế")).toBe(searchKey("phong kinh te"));
    expect(searchKey("  UBND  phường 1, quận Gò Vấp ")).toBe("ubnd phuong 1 quan go vap");
  });
});
