import { describe, expect, it } from "vitest";
import { preClean } from "./clean.js";

describe("preClean", () => {
  it("re-joins wrapped lines and keeps structural starts", () => {
    const raw = [
      "1.1. Tuyên truyền, phổ biến chủ trương của Đảng; chính sách pháp luật của Nhà nước nhằm nâng cao",
      "nhận thức các cấp",
      "",
      "- Đơn vị chủ trì: Phòng Văn hóa, Khoa học và Thông tin thị xã.",
      "- Thời gian thực hiện: Thường xuyên.",
    ].join("\n");
    expect(preClean(raw).split("\n")).toEqual([
      "1.1. Tuyên truyền, phổ biến chủ trương của Đảng; chính sách pháp luật của Nhà nước nhằm nâng cao nhận thức các cấp",
      "- Đơn vị chủ trì: Phòng Văn hóa, Khoa học và Thông tin thị xã.",
      "- Thời gian thực hiện: Thường xuyên.",
    ]);
  });
  it("strips the motto block, tags, footnote marks and page numbers", () => {
    const raw =
      "UY BAN NHAN DAN CONG HOA XA HQI CHU NGHIA VIET NAM\nQUAN GO VAP Déoc lip — Tw do — Hanh phiic\n- 2 -\nchuẩn <u>TCVN ISO 9001:2015</u>⁴ ;";
    expect(preClean(raw).split("\n")).toEqual(["UY BAN NHAN DAN", "QUAN GO VAP", "chuẩn TCVN ISO 9001:2015 ;"]);
  });
  it("merges a table row split by a page break into the previous row", () => {
    const raw = "4\tTiếp tục vận động các tiểu thương\tBáo cáo\tBan Quản lý các chợ\n\tcủa chợ truyền thống.\t\t\t";
    expect(preClean(raw)).toBe(
      "4\tTiếp tục vận động các tiểu thương của chợ truyền thống.\tBáo cáo\tBan Quản lý các chợ",
    );
  });
  it("treats '- word' after an unfinished line as a wrapped hyphenated compound", () => {
    const raw = "- Có kế hoạch do các tổ chức xã hội\n- nghề nghiệp chủ trì, phát động;\n- Có nhiều sáng kiến.";
    expect(preClean(raw).split("\n")).toHaveLength(2);
  });
});
