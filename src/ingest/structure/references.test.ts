import { describe, expect, it } from "vitest";
import { normaliseDocNumber, referencesIn } from "./references.js";

describe("normaliseDocNumber", () => {
  it("keeps the number as issued, repairing spacing and OCR-damaged kind codes", () => {
    expect(normaliseDocNumber("Số: 190 /KH-UBND")).toBe("190/KH-UBND");
    expect(normaliseDocNumber("55/QD-UBND")).toBe("55/QĐ-UBND");
    expect(normaliseDocNumber("8602-QB/TU")).toBe("8602-QĐ/TU");
    expect(normaliseDocNumber("57-NQ-TW")).toBe("57-NQ/TW");
    expect(normaliseDocNumber("86:4DO/K}I—UBND")).toBeNull();
  });
});

describe("referencesIn", () => {
  it("reads kind, number, date and issuer of each cited document", () => {
    const refs = referencesIn(
      "Thực hiện Kế hoạch số 82/KH-UBND ngày 16/4/2025 của UBND tỉnh Hưng Yên về phát triển khoa học; văn bản số 3751/HD-BNV ngày 16/6/2025 của Bộ Nội vụ về việc hướng dẫn",
      0,
    ).map((r) => r.ref);
    expect(refs).toEqual([
      { doc_type: "Kế hoạch", number: "82/KH-UBND", issued_at: "2025-04-16", issuer: "Ủy ban nhân dân tỉnh Hưng Yên" },
      { doc_type: "Hướng dẫn", number: "3751/HD-BNV", issued_at: "2025-06-16", issuer: "Bộ Nội vụ" },
    ]);
  });
  it("reads dates written in words and records the number's span", () => {
    const s = "Căn cứ Quyết định số 55/QĐ-UBND ngày 11 tháng 01 năm 2023 của Ủy ban nhân dân quận Gò Vấp về ban hành";
    const [hit] = referencesIn(s, 0);
    expect(hit?.ref).toMatchObject({ doc_type: "Quyết định", number: "55/QĐ-UBND", issued_at: "2023-01-11" });
    expect(s.slice(hit!.numberSpan.start, hit!.numberSpan.end)).toBe("55/QĐ-UBND");
  });
});
