import { describe, expect, it } from "vitest";
import { importPlan, importText } from "../index.js";

/** A plan from another body/layout than the seeds: two-level header, labels on one line, a table with other headers. */
const OTHER_PLAN = [
  "UBND TỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "SỞ KHOA HỌC VÀ CÔNG NGHỆ Độc lập - Tự do - Hạnh phúc",
  "Số: 45/KH-SKHCN Tam Kỳ, ngày 03 tháng 3 năm 2025",
  "KẾ HOẠCH",
  "Chuyển đổi số của Sở Khoa học và Công nghệ",
  "giai đoạn 2025 - 2027",
  "Căn cứ Quyết định số 1234/QĐ-UBND ngày 10/02/2025 của UBND tỉnh Quảng Nam về chuyển đổi số;",
  "I. MỤC TIÊU",
  "Nâng cao hiệu quả quản lý.",
  "II. NHIỆM VỤ CỤ THỂ",
  "1. Hạ tầng số",
  "1.1. Nâng cấp mạng nội bộ của cơ quan",
  "- Chủ trì: Văn phòng Sở; phối hợp: Trung tâm Thông tin và Thống kê; thời gian: Quý II/2025.",
  "1.2. Triển khai chữ ký số cho công chức",
  "- Đơn vị chủ trì: Phòng Quản lý khoa học.",
  "- Thời gian thực hiện: Trước ngày 30/6/2025.",
  "III. TỔ CHỨC THỰC HIỆN",
  "Các phòng, đơn vị báo cáo kết quả về Sở (qua Văn phòng Sở) định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12).",
  "Nơi nhận: GIÁM ĐỐC",
  "- Như trên;",
  "Lê Văn Minh",
  "PHỤ LỤC",
  "DANH MỤC NHIỆM VỤ",
  "STT\tNội dung công việc\tĐơn vị thực hiện\tĐơn vị phối hợp\tThời gian hoàn thành\tGhi chú",
  "1\tXây dựng cơ sở dữ liệu nhiệm vụ khoa học\tTrung tâm Thông tin và Thống kê\tCác phòng, đơn vị thuộc Sở\tTháng 10/2025\t",
  "2\tSố hóa hồ sơ lưu trữ\tVăn phòng Sở\t\tNăm 2025 - 2026\t",
].join("\n");

describe("extractPlan on a layout the seeds do not have", () => {
  const r = importText(OTHER_PLAN, "quang-nam.txt");
  const { plan } = r;

  it("reads the two-level header: the issuer is the lower body", () => {
    expect(plan.plan.issuer?.toLowerCase()).toBe("sở khoa học và công nghệ");
    expect(plan.plan.number).toBe("45/KH-SKHCN");
    expect(plan.plan.issued_at).toBe("2025-03-03");
    expect(plan.plan.place).toBe("Tam Kỳ");
    expect(plan.plan.title).toBe("Chuyển đổi số của Sở Khoa học và Công nghệ giai đoạn 2025 - 2027");
    expect(plan.plan.period).toEqual({ start: "2025-01-01", end: "2027-12-31" });
    expect(plan.plan.signer).toBe("Lê Văn Minh");
    expect(plan.references.map((x) => x.number)).toEqual(["1234/QĐ-UBND"]);
  });

  it("reads several labels written on one line", () => {
    const t = plan.tasks.find((x) => x.ref === "1.1");
    expect(t).toMatchObject({
      group: "1",
      lead: ["Văn phòng Sở"],
      support: ["Trung tâm Thông tin và Thống kê"],
      timeframe: { kind: "period", start: "2025-04-01", end: "2025-06-30" },
    });
    expect(plan.tasks.find((x) => x.ref === "1.2")?.timeframe).toMatchObject({ kind: "by", end: "2025-06-30" });
  });

  it("reads an appendix table whose columns are named differently", () => {
    const pl = plan.tasks.filter((x) => x.group === "PL");
    expect(pl.map((x) => [x.ref, x.lead, x.support, x.timeframe.kind])).toEqual([
      ["PL.1", ["Trung tâm Thông tin và Thống kê"], ["Các phòng, đơn vị thuộc Sở"], "period"],
      ["PL.2", ["Văn phòng Sở"], [], "period"],
    ]);
  });

  it("reads the reporting regime", () => {
    expect(plan.reporting.map((x) => [x.frequency, x.day, x.month])).toEqual([
      ["semiannual", 15, 6],
      ["annual", 15, 12],
    ]);
  });

  it("records spans that point at the extracted text in cleanedText", () => {
    const cut = (k: string) => {
      const s = r.spans[k];
      expect(s, k).toBeDefined();
      return r.cleanedText.slice(s!.start, s!.end);
    };
    expect(cut("plan.number")).toContain("45/KH-SKHCN");
    expect(cut("plan.title")).toContain("Chuyển đổi số");
    const i = plan.tasks.findIndex((x) => x.ref === "1.1");
    expect(cut(`tasks.${i}.title`)).toContain("Nâng cấp mạng nội bộ");
    expect(cut(`tasks.${i}.lead.0`)).toBe("Văn phòng Sở");
    expect(cut("reporting.0.text")).toContain("6 tháng");
  });
});

describe("importPlan", () => {
  it("accepts bytes through the document readers and reports progress", async () => {
    const stages: string[] = [];
    const r = await importPlan(
      { bytes: new TextEncoder().encode(OTHER_PLAN), fileName: "quang-nam.txt" },
      { onProgress: (s) => stages.push(s) },
    );
    expect(r.plan.tasks.length).toBeGreaterThanOrEqual(4);
    expect(r.plan.source).toBe("quang-nam.txt");
    expect(stages.at(-1)).toBe("done");
  });
  it("warns when no task is found", () => {
    const r = importText("KẾ HOẠCH\nVề một việc\nNội dung không có nhiệm vụ.", "x.txt");
    expect(r.plan.tasks).toEqual([]);
    expect(r.warnings.join(" ")).toMatch(/nhiệm vụ/);
  });
});
