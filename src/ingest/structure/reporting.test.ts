import { describe, expect, it } from "vitest";
import { reportingIn, trimRuleText } from "./reporting.js";

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
  it("keeps the closing parenthesis of a rule's due clause", () => {
    const r = rules("Các đơn vị báo cáo định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12).");
    expect(r.map((x) => [x.text, x.frequency, x.day, x.month])).toEqual([
      ["định kỳ 6 tháng (trước ngày 15/6)", "semiannual", 15, 6],
      ["năm (trước ngày 15/12)", "annual", 15, 12],
    ]);
    const seed = rules(
      "Đề nghị các đơn vị báo cáo Ủy ban nhân dân quận (thông qua Phòng Kinh tế) định kỳ hằng tháng (vào ngày 05 hằng tháng), 06 tháng (trước ngày 10/6) và năm (trước ngày 10/11).",
    );
    expect(seed.map((x) => x.text)).toEqual([
      "định kỳ hằng tháng (vào ngày 05 hằng tháng)",
      "06 tháng (trước ngày 10/6)",
      "năm (trước ngày 10/11)",
    ]);
    const quarter = rules(
      "định kỳ 03 tháng (trước ngày 03 của tháng cuối quý); báo cáo kết quả thực hiện năm (trước ngày 20/11) gửi về Ủy ban nhân dân thị xã",
    );
    expect(quarter.map((x) => x.text)).toEqual([
      "định kỳ 03 tháng (trước ngày 03 của tháng cuối quý)",
      "báo cáo kết quả thực hiện năm (trước ngày 20/11)",
    ]);
    for (const x of [...r, ...seed, ...quarter]) {
      expect(x.text.split("(").length).toBe(x.text.split(")").length);
    }
  });
  it("leaves a parenthesis holding another rule to that rule", () => {
    const r = rules(
      "gửi báo cáo về Ủy ban nhân dân quận (thông qua Phòng Kinh tế) theo định kỳ trước ngày 05/11 (hoặc khi có văn bản yêu cầu).",
    );
    expect(r.map((x) => [x.frequency, x.text])).toEqual([
      ["annual", "theo định kỳ trước ngày 05/11"],
      ["adhoc", "hoặc khi có văn bản yêu cầu"],
    ]);
  });
  it("trims only unmatched parentheses", () => {
    expect(trimRuleText("06 tháng (trước ngày 10/6), ")).toBe("06 tháng (trước ngày 10/6)");
    expect(trimRuleText("(hoặc khi có văn bản yêu cầu")).toBe("hoặc khi có văn bản yêu cầu");
    expect(trimRuleText("hoặc khi có văn bản yêu cầu)")).toBe("hoặc khi có văn bản yêu cầu");
    expect(trimRuleText("(đột xuất theo yêu cầu)")).toBe("đột xuất theo yêu cầu");
    expect(trimRuleText("(hằng quý) và năm (trước ngày 15/12)")).toBe("(hằng quý) và năm (trước ngày 15/12)");
    expect(trimRuleText(" năm (trước ngày 15/12 (dương lịch)).")).toBe("năm (trước ngày 15/12 (dương lịch))");
    expect(trimRuleText("năm (trước ngày 15/12))")).toBe("năm (trước ngày 15/12)");
  });
});
