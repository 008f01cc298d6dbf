/** Layouts beyond the seeds, one behaviour per test (the synthetic corpus scores them end to end). */
import { describe, expect, it } from "vitest";
import { importText } from "../index.js";
import { referencesIn } from "./references.js";
import { targetsIn } from "./targets.js";
import { parseTimeframe } from "./timeframe.js";
import { splitUnits } from "./units.js";

const HEADER = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 88/QĐ-UBND", "Bắc Ninh, ngày 02 tháng 7 năm 2025"];

describe("a decision that issues a plan (Quyết định ban hành Kế hoạch)", () => {
  const text = [
    ...HEADER,
    "QUYẾT ĐỊNH",
    "Ban hành Kế hoạch chuyển đổi số tỉnh Bắc Ninh năm 2025",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số tỉnh Bắc Ninh năm 2025.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Nơi nhận:",
    "- Như Điều 2;",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Trần Văn An",
    "KẾ HOẠCH",
    "Chuyển đổi số tỉnh Bắc Ninh năm 2025",
    "(Ban hành kèm theo Quyết định số 88/QĐ-UBND ngày 02/7/2025 của Chủ tịch UBND tỉnh)",
    "I. NHIỆM VỤ",
    "1. Xây dựng kho dữ liệu dùng chung của tỉnh",
    "- Cơ quan chủ trì: Sở Khoa học và Công nghệ.",
    "- Thời hạn hoàn thành: Quý IV/2025.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Sở Khoa học và Công nghệ báo cáo Ủy ban nhân dân tỉnh định kỳ hằng quý (trước ngày 20 tháng cuối quý).",
  ].join("\n");
  const { plan } = importText(text, "qd.txt");
  it("takes the plan fields from the decision", () => {
    expect(plan.plan.doc_type).toBe("Quyết định");
    expect(plan.plan.number).toBe("88/QĐ-UBND");
    expect(plan.plan.title).toBe("Ban hành Kế hoạch chuyển đổi số tỉnh Bắc Ninh năm 2025");
    expect(plan.plan.signer).toBe("Trần Văn An");
    expect(plan.references.map((r) => r.number)).toEqual(["57-NQ/TW"]);
  });
  it("takes tasks and reporting from the attached plan", () => {
    expect(plan.tasks.map((t) => [t.ref, t.lead[0], t.timeframe.end])).toEqual([
      ["1", "Sở Khoa học và Công nghệ", "2025-12-31"],
    ]);
    expect(plan.reporting.map((r) => [r.frequency, r.day, r.month_in_period])).toEqual([["quarterly", 20, 3]]);
  });
});

describe("appendix tables with section rows", () => {
  const text = [
    ...HEADER.slice(0, 2),
    "Số: 5/KH-UBND",
    "KẾ HOẠCH",
    "Chuyển đổi số năm 2025",
    "I. MỤC TIÊU",
    "Nâng cao hiệu quả.",
    "PHỤ LỤC",
    "STT\tNội dung\tCơ quan chủ trì thực hiện\tCơ quan phối hợp\tThời hạn hoàn thành\tKết quả/sản phẩm",
    "I\tHẠ TẦNG SỐ\t\t\t\t",
    "1\tNâng cấp mạng\tSở Khoa học và Công nghệ\t\tTháng 6/2025\tMạng được nâng cấp",
    "II\tDỮ LIỆU SỐ\t\t\t\t",
    "1\tSố hóa hồ sơ\tVăn phòng UBND tỉnh\tCác sở, ngành\tNăm 2025\tHồ sơ số",
  ].join("\n");
  const { plan } = importText(text, "pl.txt");
  it("keeps refs unique with the section (PL.<section>.<STT>) and groups by section", () => {
    expect(plan.tasks.map((t) => [t.ref, t.group, t.product])).toEqual([
      ["PL.I.1", "PL.I", "Mạng được nâng cấp"],
      ["PL.II.1", "PL.II", "Hồ sơ số"],
    ]);
    expect(plan.groups).toEqual([
      { ref: "PL.I", title: "Hạ tầng số" },
      { ref: "PL.II", title: "Dữ liệu số" },
    ]);
  });
});

describe("duties per lettered unit and inline labels", () => {
  it("reads lettered units under Tổ chức thực hiện", () => {
    const text = [
      ...HEADER.slice(0, 2),
      "Số: 5/KH-UBND",
      "KẾ HOẠCH",
      "Chuyển đổi số năm 2025",
      "I. TỔ CHỨC THỰC HIỆN",
      "a) Phòng Kinh tế",
      "- Hướng dẫn hộ kinh doanh thanh toán số.",
      "- Phối hợp với Công an xã kiểm tra cơ sở kinh doanh.",
      "b) Công an xã",
      "Hướng dẫn người dân kích hoạt định danh điện tử.",
    ].join("\n");
    const { plan } = importText(text, "x.txt");
    expect(plan.tasks.map((t) => [t.ref, t.group, t.lead, t.support])).toEqual([
      ["I.a.1", "I.a", ["Phòng Kinh tế"], []],
      ["I.a.2", "I.a", ["Phòng Kinh tế"], ["Công an xã"]],
      ["I.b", "I.b", ["Công an xã"], []],
    ]);
  });
  it("reads labels in parentheses on the item's own line", () => {
    const text = [
      "BỘ NỘI VỤ",
      "Số: 5/KH-BNV",
      "KẾ HOẠCH",
      "Chuyển đổi số năm 2025",
      "I. NHIỆM VỤ",
      "1. Số hóa hồ sơ công chức (Cơ quan chủ trì: Vụ Công chức; cơ quan phối hợp: Văn phòng Bộ; thời gian hoàn thành: Quý II/2026).",
    ].join("\n");
    const t = importText(text, "b.txt").plan.tasks[0]!;
    expect([t.title, t.lead, t.support, t.timeframe.start, t.timeframe.end]).toEqual([
      "Số hóa hồ sơ công chức",
      ["Vụ Công chức"],
      ["Văn phòng Bộ"],
      "2026-04-01",
      "2026-06-30",
    ]);
  });
});

describe("smaller generalisations", () => {
  it("quarter ranges", () => {
    expect(parseTimeframe("Quý II - Quý IV/2025")).toMatchObject({
      kind: "period",
      start: "2025-04-01",
      end: "2025-12-31",
    });
  });
  it("references without 'số', and Tờ trình", () => {
    const refs = referencesIn(
      "Căn cứ Quyết định 1131/QĐ-UBND ngày 12/6/2025; Tờ trình số 45/TTr-SKHCN ngày 05/6/2025",
      0,
    );
    expect(refs.map((r) => [r.ref.doc_type, r.ref.number])).toEqual([
      ["Quyết định", "1131/QĐ-UBND"],
      ["Tờ trình", "45/TTr-SKHCN"],
    ]);
  });
  it("count and bare-percentage targets with a metric", () => {
    const t = targetsIn("Hỗ trợ ít nhất 30 doanh nghiệp đổi mới công nghệ", 0, null).map((x) => x.target);
    expect(t).toMatchObject([
      { comparator: ">=", value: 30, unit: "doanh nghiệp", metric: "Số doanh nghiệp đổi mới công nghệ" },
    ]);
    const g = targetsIn("100% hồ sơ được xử lý trên môi trường mạng", 0, null, true).map((x) => x.target);
    expect(g).toMatchObject([{ comparator: "=", value: 100, metric: "Tỷ lệ hồ sơ được xử lý trên môi trường mạng" }]);
  });
  it("does not split 'Sở hữu trí tuệ' off a unit name, and splits an acronym-named enterprise", () => {
    expect(splitUnits("Phòng Quản lý công nghệ và Sở hữu trí tuệ").map((u) => u.text)).toEqual([
      "Phòng Quản lý công nghệ và Sở hữu trí tuệ",
    ]);
    expect(splitUnits("Bưu điện tỉnh, VNPT Quảng Trị").map((u) => u.text)).toEqual(["Bưu điện tỉnh", "VNPT Quảng Trị"]);
  });
});
