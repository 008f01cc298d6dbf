import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTime,
  parseDate,
  parsePercent,
} from "./format.js";

describe("formatDate", () => {
  it.each([
    ["2025-04-25", "25/04/2025"],
    ["2025-01-01", "01/01/2025"],
    // 17:30 UTC on 31/12 is already 1/1 in Vietnam (UTC+7).
    ["2024-12-31T17:30:00.000Z", "01/01/2025"],
    ["2025-04-25T08:30:00.000Z", "25/04/2025"],
    [new Date("2025-07-01T00:00:00+07:00"), "01/07/2025"],
    [null, "—"],
    [undefined, "—"],
    ["", "—"],
    ["không phải ngày", "—"],
  ])("%s → %s", (input, expected) => {
    expect(formatDate(input)).toBe(expected);
  });
});

describe("formatDateTime and formatTime", () => {
  it("shows Vietnam time on a 24-hour clock", () => {
    expect(formatDateTime("2025-04-25T07:32:00.000Z")).toBe("25/04/2025 14:32");
    expect(formatTime("2025-04-25T07:32:00.000Z")).toBe("14:32");
    expect(formatTime("2025-04-25T17:05:00.000Z")).toBe("00:05");
    expect(formatDateTime(null)).toBe("—");
  });
});

describe("formatNumber", () => {
  it.each([
    [1234.5, 2, "1.234,5"],
    [1234567.891, 2, "1.234.567,89"],
    [0, 2, "0"],
    [-12.25, 1, "-12,3"],
    [1000, 0, "1.000"],
  ])("%d (max %d decimals) → %s", (input, digits, expected) => {
    // Intl may use U+2212 for minus in some ICU versions; compare on the ASCII form.
    expect(formatNumber(input, digits).replace("\u2212", "-")).toBe(expected);
  });

  it("shows a dash for missing or non-finite numbers", () => {
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(Number.NaN)).toBe("—");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("—");
  });

  it("formats percentages", () => {
    expect(formatPercent(45.55)).toBe("45,6%");
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(undefined)).toBe("—");
  });
});

describe("parseDate", () => {
  it.each([
    ["25/04/2025", "2025-04-25"],
    ["5/4/2025", "2025-04-05"],
    [" 01-07-2025 ", "2025-07-01"],
    ["31.12.2024", "2024-12-31"],
    ["29/02/2024", "2024-02-29"],
    ["29/02/2025", null],
    ["31/04/2025", null],
    ["00/01/2025", null],
    ["12/13/2025", null],
    ["2025-04-25", null],
    ["25/04/25", null],
    ["", null],
  ])("%s → %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it("round-trips with formatDate", () => {
    for (const iso of ["2025-01-01", "2024-02-29", "2030-12-31"]) expect(parseDate(formatDate(iso))).toBe(iso);
  });
});

describe("parsePercent", () => {
  it.each([
    ["45,5", 45.5],
    ["45.5", 45.5],
    [" 100 ", 100],
    ["0", 0],
    ["", null],
    ["101", undefined],
    ["-1", undefined],
    ["1.234,5", undefined],
    ["năm mươi", undefined],
  ])("%s → %s", (input, expected) => {
    expect(parsePercent(input)).toBe(expected);
  });
});
