import { describe, expect, it } from "vitest";
import { looksLikeUnit, partnersIn, splitUnits } from "./units.js";

const names = (s: string) => splitUnits(s).map((u) => u.text);

describe("splitUnits", () => {
  it("keeps a comma inside a unit name and splits before a new head word", () => {
    expect(names("Phòng Văn hóa, Khoa học và Thông tin thị xã, UBND các xã, phường.")).toEqual([
      "Phòng Văn hóa, Khoa học và Thông tin thị xã",
      "UBND các xã, phường",
    ]);
  });
  it("keeps a 'Các …' group with its comma-separated members as one unit", () => {
    expect(names("Các phòng, ban, ngành thị xã, UBND các xã, phường")).toEqual([
      "Các phòng, ban, ngành thị xã",
      "UBND các xã, phường",
    ]);
    expect(names("Các cơ quan, đơn vị liên quan")).toEqual(["Các cơ quan, đơn vị liên quan"]);
  });
  it("splits a lower-case head followed by a proper name, and 'và các …'", () => {
    expect(names("Phòng Tài chính - Kế hoạch, phòng Nội vụ, các phòng, ngành, UBND các xã, phường.")).toEqual([
      "Phòng Tài chính - Kế hoạch",
      "Phòng Nội vụ",
      "Các phòng, ngành",
      "UBND các xã, phường",
    ]);
    expect(names("Phòng Kinh tế và các đơn vị liên quan")).toEqual(["Phòng Kinh tế", "Các đơn vị liên quan"]);
  });
  it("does not split 'và' inside a name, nor 'Văn phòng HĐND và UBND'", () => {
    expect(names("Phòng Giáo dục và Đào tạo")).toEqual(["Phòng Giáo dục và Đào tạo"]);
    expect(names("Văn phòng HĐND và UBND thị xã")).toEqual(["Văn phòng HĐND và UBND thị xã"]);
  });
  it("splits on semicolons and dashes before a head word, not inside 'Tài chính - Kế hoạch'", () => {
    expect(names("Phòng Tài chính - Kế hoạch; Đội Quản lý thị trường số 11; Công an Quận")).toEqual([
      "Phòng Tài chính - Kế hoạch",
      "Đội Quản lý thị trường số 11",
      "Công an Quận",
    ]);
    expect(names("Phòng Kinh tế, phòng Giáo dục và đào tạo – Quận đoàn")).toEqual([
      "Phòng Kinh tế",
      "Phòng Giáo dục và đào tạo",
      "Quận đoàn",
    ]);
  });
  it("splits two units written without a separator after a locality word", () => {
    expect(names("Hội doanh nghiệp Quận Hội LHPN Quận")).toEqual(["Hội doanh nghiệp Quận", "Hội LHPN Quận"]);
  });
  it("drops 'Đề nghị' and a trailing verb, and stops where running text resumes", () => {
    expect(names("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Quận và các đoàn thể Quận hỗ trợ")).toEqual([
      "Ủy ban Mặt trận Tổ quốc Việt Nam Quận",
      "Các đoàn thể Quận",
    ]);
    expect(names("Văn phòng HĐND và UBND thị, thực hiện theo hướng dẫn của Công an tỉnh.")).toEqual([
      "Văn phòng HĐND và UBND thị",
    ]);
  });
  it("records spans that point at the unit in the input", () => {
    const s = "- Đơn vị phối hợp: Phòng Kinh tế, Hội Doanh nghiệp quận.";
    const at = s.indexOf("Phòng");
    const units = splitUnits(s.slice(at), { base: at });
    expect(units.map((u) => s.slice(u.start, u.end))).toEqual(["Phòng Kinh tế", "Hội Doanh nghiệp quận"]);
  });
});

describe("partnersIn", () => {
  it("finds the units a duty names with 'phối hợp'", () => {
    const p = partnersIn(
      "Phối hợp Phòng Giáo dục và Đào tạo, Quận đoàn, Hội Liên hiệp phụ nữ quận và các đơn vị có liên quan tổ chức các hoạt động",
    ).map((u) => u.text);
    expect(p).toEqual([
      "Phòng Giáo dục và Đào tạo",
      "Quận đoàn",
      "Hội Liên hiệp phụ nữ quận",
      "Các đơn vị có liên quan",
    ]);
  });
  it("handles 'phối hợp với', 'phối hợp, hỗ trợ' and several partners in one duty", () => {
    expect(partnersIn("Chủ trì, phối hợp với các cơ quan liên quan hoàn thiện bộ chỉ số").map((u) => u.text)).toEqual([
      "Các cơ quan liên quan",
    ]);
    expect(
      partnersIn("Phối hợp, hỗ trợ Phòng Kinh tế triển khai đến Hội Liên hiệp Phụ nữ các phường").map((u) => u.text),
    ).toEqual(["Phòng Kinh tế"]);
    expect(
      partnersIn("Phối hợp Phòng Kinh tế tổ chức hội thi; phối hợp Hội Doanh nghiệp quận tổ chức tư vấn").map(
        (u) => u.text,
      ),
    ).toEqual(["Phòng Kinh tế", "Hội Doanh nghiệp quận"]);
  });
  it("ignores 'phối hợp' not followed by a unit", () => {
    expect(
      partnersIn("Chịu trách nhiệm triển khai thực hiện Kế hoạch, phối hợp, theo dõi và cung cấp thông tin"),
    ).toEqual([]);
    expect(partnersIn("Phối hợp chỉ đạo công tác vận động Nhân dân")).toEqual([]);
  });
});

describe("looksLikeUnit", () => {
  it("recognises unit headings and rejects topic headings", () => {
    expect(looksLikeUnit("Đề nghị Hội Liên hiệp Phụ nữ quận")).toBe(true);
    expect(looksLikeUnit("Phòng Tư pháp")).toBe(true);
    expect(looksLikeUnit("Chế độ báo cáo")).toBe(false);
  });
});
