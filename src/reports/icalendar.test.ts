import { describe, expect, it } from "vitest";
import { foldLine, renderCalendar } from "./icalendar.js";

describe("iCalendar feed", () => {
  const ics = renderCalendar(
    "Hạn báo cáo — Phòng Kinh tế",
    [
      {
        uid: "period-1-unit-2@tiendo",
        date: "2025-06-03",
        summary: "Nộp báo cáo Quý II/2025, Kế hoạch 121/KH-UBND",
        description: "Kỳ báo cáo: Quý II/2025; chốt số liệu 14/06/2025",
        url: "https://tiendo.example/bao-cao/1",
        alarmsDaysBefore: [3, 1],
      },
    ],
    new Date("2025-05-01T00:00:00Z"),
  );

  it("is a valid all-day event with escaped text and alarms", () => {
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("DTSTART;VALUE=DATE:20250603\r\n");
    expect(unfolded).toContain("DTEND;VALUE=DATE:20250604\r\n");
    expect(unfolded).toContain("SUMMARY:Nộp báo cáo Quý II/2025\\, Kế hoạch 121/KH-UBND\r\n");
    expect(unfolded).toContain("DESCRIPTION:Kỳ báo cáo: Quý II/2025\\; chốt số liệu 14/06/2025");
    expect(unfolded.match(/BEGIN:VALARM/g)).toHaveLength(2);
    expect(unfolded).toContain("TRIGGER:-P3D");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("folds lines at 75 octets without splitting a character", () => {
    const long = `SUMMARY:${"Đổi mới sáng tạo ".repeat(20)}`;
    const folded = foldLine(long);
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
  });
});
