import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidates } from "./channel.js";
import { damageText } from "./noise.js";
import { normalizeText } from "./normalize.js";
import { restoreVietnamese } from "./restore.js";

describe("OCR channel", () => {
  it("offers the right syllable for look-alike damage", () => {
    const has = (tok: string, syl: string) => candidates(tok).some((c) => c.syl === syl);
    expect(has("d6i", "đổi")).toBe(true);
    expect(has("chirc", "chức")).toBe(true);
    expect(has("Tw", "tự")).toBe(true);
    expect(has("ngh¢", "nghệ")).toBe(true);
    expect(has("x4", "xã")).toBe(true);
    expect(has("Pon", "đơn")).toBe(true);
    expect(has("1a", "là")).toBe(true);
    expect(has("16p", "lớp")).toBe(true);
  });
  it("keeps a valid marked token cheapest", () => {
    expect(candidates("mới")[0]).toEqual({ syl: "mới", cost: 0 });
  });
});

describe("restoreVietnamese", () => {
  it("restores stripped administrative phrases", () => {
    expect(restoreVietnamese("Uy ban nhan dan phuong tổ chức")).toBe("Ủy ban nhân dân phường tổ chức");
    expect(restoreVietnamese("KE HOACH")).toBe("KẾ HOẠCH");
    expect(restoreVietnamese("Thoi gian thuc hien: thuong xuyen.")).toBe("Thời gian thực hiện: thường xuyên.");
  });
  it("repairs OCR look-alikes", () => {
    expect(restoreVietnamese("- Pon vi chu tri: Phong Kinh té.")).toBe("- Đơn vị chủ trì: Phòng Kinh tế.");
    expect(restoreVietnamese("day manh d6i méi sang tao va chuyén d6i s6")).toBe(
      "đẩy mạnh đổi mới sáng tạo và chuyển đổi số",
    );
    expect(restoreVietnamese("Doc lap - Tw do - Hanh phuc")).toBe("Độc lập - Tự do - Hạnh phúc");
  });
  it("never turns a word that names an object property into code", () => {
    const out = restoreVietnamese("Ke hoach constructor toString va hasOwnProperty cua phuong");
    expect(out).not.toContain("function");
    expect(out).not.toContain("[native code]");
    expect(out).toMatch(/constructor/i);
  });
  it("keeps numbers, codes, punctuation and layout exactly", () => {
    expect(restoreVietnamese("S6: 45/KH-UBND\tngay 16/4/2025;\n\nUBND cac phuong")).toBe(
      "Số: 45/KH-UBND\tngày 16/4/2025;\n\nUBND các phường",
    );
  });
  it("keeps list markers as printed and restores the item after them", () => {
    expect(restoreVietnamese("b) Trien khai thuc hien")).toBe("b) Triển khai thực hiện");
    expect(restoreVietnamese("đ) Doi voi can bo, cong chuc")).toBe("đ) Đối với cán bộ, công chức");
    expect(restoreVietnamese("l. MUC TIEU")).toBe("l. MỤC TIÊU");
    expect(restoreVietnamese("I1. NOI DUNG THUC HIEN")).toBe("II. NỘI DUNG THỰC HIỆN");
    expect(restoreVietnamese("- Chu tri\nb) Trien khai")).toBe("- Chủ trì\nb) Triển khai");
  });
  it("reads across a line break and keeps it in place", () => {
    expect(
      restoreVietnamese("Uy ban nhan dan quan ban hanh Ke hoach phat trien khoa hoc,\ncong nghe va doi moi sang tao"),
    ).toBe("Ủy ban nhân dân quận ban hành Kế hoạch phát triển khoa học,\ncông nghệ và đổi mới sáng tạo");
  });
  it("splits a number glued to a word", () => {
    expect(restoreVietnamese("ngay 12thang 5 nam 2024")).toBe("ngày 12 tháng 5 năm 2024");
  });
  it("leaves clean text alone apart from tone placement", () => {
    const clean = "Phòng Văn hoá và Thông tin chủ trì, phối hợp với Uỷ ban nhân dân các phường.";
    expect(restoreVietnamese(clean)).toBe(
      "Phòng Văn hóa và Thông tin chủ trì, phối hợp với Ủy ban nhân dân các phường.",
    );
    expect(restoreVietnamese("")).toBe("");
  });
  it("repairs typical scanner damage in phrases of its own", () => {
    expect(restoreVietnamese("Phong Tài chinh - K€ hoach tham mwu bé tri kinh phi")).toBe(
      "Phòng Tài chính - Kế hoạch tham mưu bố trí kinh phí",
    );
    expect(restoreVietnamese("Céc don vi b4o céo két qua thyc hién vé Uy ban nhan dan")).toBe(
      "Các đơn vị báo cáo kết quả thực hiện về Ủy ban nhân dân",
    );
    expect(restoreVietnamese("UNG DUNG CONG NGHE THONG TIN")).toBe("ỨNG DỤNG CÔNG NGHỆ THÔNG TIN");
  });
  it("keeps foreign words, acronyms and codes printed in capitals", () => {
    expect(restoreVietnamese("cac lép hoc STEM va cong nghé 3D, 5G cho hoc sinh")).toBe(
      "các lớp học STEM và công nghệ 3D, 5G cho học sinh",
    );
    expect(restoreVietnamese("theo Quyét dinh s6 12/QD-UBND cua UBND tinh")).toBe(
      "theo Quyết định số 12/QĐ-UBND của UBND tỉnh",
    );
  });
});

describe("restoreVietnamese keeps correct marked text in damaged lines", () => {
  it("keeps minority place and personal names printed with their marks", () => {
    expect(restoreVietnamese("Uy ban nhan dan huyện Lắk ban hành")).toBe("Ủy ban nhân dân huyện Lắk ban hành");
    expect(restoreVietnamese("cua UBND tinh Đắk Lắk vé bảo tồn")).toBe("của UBND tỉnh Đắk Lắk về bảo tồn");
    expect(restoreVietnamese("Y Thuận Byă")).toBe("Y Thuận Byă");
  });
  it("does not swap a correct marked pair for another pair the LM prefers", () => {
    expect(restoreVietnamese("Tuyen truyen vé giá trị cua Khéng gian văn hoa cồng chiêng Tây Nguyên")).toBe(
      "Tuyên truyền về giá trị của Không gian văn hóa cồng chiêng Tây Nguyên",
    );
    expect(restoreVietnamese("Phéi hep voi Ủy ban Mat trán Tổ qu6c Viét Nam cùng cấp vận đ6ng")).toBe(
      "Phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp vận động",
    );
  });
  it("keeps an upper-case abbreviation with & as printed", () => {
    expect(restoreVietnamese("Phòng GD&ĐT, UBND các xã, thị trấn")).toBe("Phòng GD&ĐT, UBND các xã, thị trấn");
    expect(restoreVietnamese("phoi hop voi Phong GD&ĐT va Phong VH-KH&TT")).toBe(
      "phối hợp với Phòng GD&ĐT và Phòng VH-KH&TT",
    );
    expect(restoreVietnamese("K& hoach s& 12")).toBe("Kế hoạch số 12");
  });
});

describe("restoreVietnamese structure", () => {
  const skeleton = (s: string) => s.replace(/[\p{L}\p{N}\p{M}¢€&]+/gu, "w");
  const word = fc.constantFrom(
    "Uy",
    "ban",
    "nhan",
    "dan",
    "d6i",
    "méi",
    "chirc",
    "ctia",
    "Pon",
    "vi",
    "K€",
    "16p",
    "x4",
    "hqi",
    "S6",
    "UBND",
    "2025",
    "12/KH-UBND",
    "STEM",
    "tổ",
    "chức",
    "Kế",
    "hoạch",
    "ngay",
    "thang",
    "nim",
    "I1.",
    "a)",
    "-",
    "•",
  );
  const sep = fc.constantFrom(" ", " ", " ", "\t", "\n", "\r\n", "  ", ", ", ". ", "; ", "\n\n", "\t\t");
  const text = fc.array(fc.tuple(word, sep), { maxLength: 40 }).map((a) => a.map(([w, s]) => w + s).join(""));

  it("never changes line breaks, tabs, spaces or punctuation", () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = restoreVietnamese(t);
        expect(skeleton(r).replace(/w w/g, "w")).toBe(skeleton(t).replace(/w w/g, "w"));
        expect(r.split("\n").length).toBe(t.split("\n").length);
        expect(r.split("\t").length).toBe(t.split("\t").length);
      }),
      { numRuns: 300 },
    );
  });
  it("keeps the structure of synthetically damaged text", () => {
    const clean =
      "Ủy ban nhân dân phường\tKế hoạch số 12/KH-UBND\nTổ chức thực hiện;\r\n\t- Đơn vị chủ trì: Phòng Kinh tế.";
    for (let seed = 1; seed <= 30; seed++) {
      const d = damageText(clean, seed);
      const r = restoreVietnamese(d);
      expect(skeleton(r).replace(/w w/g, "w")).toBe(skeleton(d).replace(/w w/g, "w"));
    }
  });
  it("is idempotent on clean text and only normalises its tone placement", () => {
    const clean = [
      "Phòng Văn hoá và Thông tin chủ trì, phối hợp với các đơn vị liên quan.",
      "KẾ HOẠCH\nTriển khai chuyển đổi số năm 2025\t(đợt 1)",
      "Ủy ban nhân dân quận đề nghị các cơ quan báo cáo kết quả về Văn phòng trước ngày 15/12/2025.",
    ];
    for (const c of clean) {
      const once = restoreVietnamese(c);
      expect(once).toBe(normalizeText(c));
      expect(restoreVietnamese(once)).toBe(once);
    }
  });
});
