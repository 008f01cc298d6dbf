import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderConsolidatedDocx } from "./consolidated-docx.js";
import { convertToPdfText } from "./test/libreoffice.js";
import { sampleReport, sampleTask } from "./test/sample-report.js";

function documentXml(docx: Buffer): string {
  const files = unzipSync(new Uint8Array(docx));
  return strFromU8(files["word/document.xml"]!);
}

describe("consolidated report DOCX", () => {
  it("follows the Nghị định 30/2020 layout and carries the units' own words", async () => {
    const report = sampleReport(2);
    report.groups[0]!.tasks[1] = sampleTask(2, {
      leadResults: [{ unit: "Phòng Kinh tế", result: "Hoàn thành cổng dữ liệu mở của thị xã.", percent: 100 }],
      status: "Hoàn thành đúng hạn",
    });
    const xml = documentXml(await renderConsolidatedDocx(report));
    for (const expected of [
      "ỦY BAN NHÂN DÂN THỊ XÃ MỸ HÀO",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "/BC-UBND",
      "Mỹ Hào, ngày 05 tháng 6 năm 2025",
      "BÁO CÁO",
      "Kết quả thực hiện Kế hoạch số 121/KH-UBND ngày 25/04/2025",
      "Hoàn thành cổng dữ liệu mở của thị xã.",
      "Thiếu cán bộ chuyên trách công nghệ thông tin.",
      "Đề nghị bố trí kinh phí tập huấn kỹ năng số.",
      "Nơi nhận:",
      "PHỤ LỤC",
      "Tình trạng",
    ]) {
      expect(xml).toContain(expected);
    }
    // Appendix columns in the prescribed order.
    const order = ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Kết quả", "Tình trạng"].map((h) =>
      xml.indexOf(`>${h}<`, xml.indexOf("PHỤ LỤC")),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // A4 portrait body then a landscape appendix section.
    expect(xml).toMatch(/w:orient="landscape"/);
  });

  it("says so when a task has no report yet", async () => {
    const report = sampleReport(1);
    report.groups[0]!.tasks[0] = sampleTask(1, { leadResults: [], partnerContributions: [] });
    expect(documentXml(await renderConsolidatedDocx(report))).toContain("Chưa có đơn vị báo cáo kết quả trong kỳ.");
  });

  it("escapes what units type, so markup in a result cannot break the document", async () => {
    const report = sampleReport(1);
    report.groups[0]!.tasks[0] = sampleTask(1, {
      leadResults: [{ unit: "Phòng Kinh tế", result: 'Dự án R&D <giai đoạn 1> "thí điểm"\u0007', percent: 40 }],
    });
    const xml = documentXml(await renderConsolidatedDocx(report));
    expect(xml).toContain("Dự án R&amp;D &lt;giai đoạn 1&gt; &quot;thí điểm&quot; ");
    expect(xml).not.toContain("<giai đoạn 1>");
  });

  it("opens in LibreOffice without repair and renders Vietnamese", async () => {
    const { text } = await convertToPdfText(await renderConsolidatedDocx(sampleReport(3)), "docx");
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(flat).toContain("Đã tổ chức 2 hội nghị quán triệt.");
    expect(flat).toContain("Thiếu cán bộ chuyên trách công nghệ thông tin.");
  }, 180_000);
});
