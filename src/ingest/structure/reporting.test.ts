import { describe, expect, it } from "vitest";
import { reportingIn } from "./reporting.js";

const rules = (s: string, inSection = false) => reportingIn(s, 0, inSection).map((h) => h.rule);

describe("reportingIn", () => {
  it("reads monthly, semiannual and annual rules with their due dates and recipient", () => {
    const r = rules(
      "Đề nghị các đơn vị báo cáo Ủy ban nhân dân quận (thông qua Phòng Kinh tế) định kỳ hằng tháng (vào ngày 05 hằng tháng), 06 tháng (trước ngày 10/6) và năm (trước ngày 10/11).",
    );
    expect(r.map((x) => [x.frequency, x.day, x.month])).toEqual([
      ["monthly", 5, null],
      ["semiannual", 10, 6],
      ["annual", 10, 11],
    ]);
    expect(r[0]!.recipient).toBe("Ủy ban nhân dân quận (thông qua Phòng Kinh tế)");
  });
  it("reads a quarterly rule counted inside the quarter", () => {
    const r = rules(
      "tăng cường kiểm tra; định kỳ 03 tháng (trước ngày 03 của tháng cuối quý); báo cáo kết quả thực hiện năm (trước ngày 20/11) gửi về Ủy ban nhân dân thị xã (qua phòng Văn hóa, Khoa học và Thông tin) để tổng hợp",
    );
    expect(r[0]).toMatchObject({ frequency: "quarterly", day: 3, month_in_period: 3 });
    expect(r[1]).toMatchObject({ frequency: "annual", day: 20, month: 11 });
  });
  it("reads ad-hoc reporting and a fixed yearly date", () => {
    expect(
      rules("thực hiện chế độ báo cáo định kỳ hoặc đột xuất theo yêu cầu của Sở Khoa học và Công nghệ"),
    ).toMatchObject([{ frequency: "adhoc", recipient: "Sở Khoa học và Công nghệ" }]);
    expect(
      rules(
        "gửi báo cáo về Ủy ban nhân dân quận (thông qua Phòng Kinh tế) theo định kỳ trước ngày 05/11 (hoặc khi có văn bản yêu cầu).",
      ).map((x) => [x.frequency, x.day, x.month]),
    ).toEqual([
      ["annual", 5, 11],
      ["adhoc", null, null],
    ]);
  });
  it("ignores report mentions without a regime", () => {
    expect(rules("Tham mưu, báo cáo cho Ủy ban nhân dân quận về tiến độ thực hiện Kế hoạch")).toEqual([]);
    expect(rules("thực hiện chế độ báo cáo thống kê cơ sở về khoa học và công nghệ (khi có yêu cầu).")).toEqual([]);
  });
});
