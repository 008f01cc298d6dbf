import { describe, expect, it } from "vitest";
import { canonicalUnitName, type DirectoryEntry, matchUnitName } from "./unit-match.js";

const directory: DirectoryEntry[] = [
  {
    id: "vhkhtt",
    name: "Phòng Văn hóa, Khoa học và Thông tin thị xã Mỹ Hào",
    aliases: ["Phòng VH-KH&TT"],
    type: "unit",
    underIssuer: true,
  },
  { id: "kt", name: "Phòng Kinh tế, Hạ tầng và Đô thị thị xã Mỹ Hào", aliases: [], type: "unit", underIssuer: true },
  {
    id: "tckh",
    name: "Phòng Tài chính - Kế hoạch thị xã Mỹ Hào",
    aliases: ["Phòng TC-KH"],
    type: "unit",
    underIssuer: true,
  },
  { id: "vp", name: "Văn phòng HĐND và UBND thị xã Mỹ Hào", aliases: [], type: "unit", underIssuer: true },
  { id: "gv-vhtt", name: "Phòng Văn hóa và Thông tin quận Gò Vấp", aliases: ["Phòng VHTT"], type: "unit" },
  {
    id: "xa-phuong",
    name: "UBND các xã, phường",
    aliases: ["Ủy ban nhân dân các xã, phường"],
    type: "group",
    underIssuer: true,
  },
  { id: "sokhcn", name: "Sở Khoa học và Công nghệ tỉnh Hưng Yên", aliases: ["Sở KH&CN"], type: "unit" },
];
const ctx = { localities: ["Mỹ Hào", "Hưng Yên"] };

describe("canonicalUnitName", () => {
  it("folds, expands abbreviations and drops the locality", () => {
    expect(canonicalUnitName("UBND các x4, phường")).toBe("uy ban nhan dan cac x4 phuong");
    expect(canonicalUnitName("Phòng Tài chính - Kế hoạch thị xã Mỹ Hào", ctx)).toBe("phong tai chinh ke hoach");
    expect(canonicalUnitName("Sở KH&CN", ctx)).toBe("so khoa hoc va cong nghe");
    expect(canonicalUnitName("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Quận")).toBe("uy ban mat tran to quoc viet nam");
  });
});

describe("matchUnitName", () => {
  it("finds the exact unit despite missing diacritics and the locality suffix", () => {
    const [best] = matchUnitName("Phong Van hoa, Khoa hoc va Thong tin thi xa", directory, ctx);
    expect(best).toMatchObject({ id: "vhkhtt", confidence: 1 });
  });

  it("resolves abbreviations through aliases and expansion", () => {
    expect(matchUnitName("Phòng TC-KH", directory, ctx)[0]?.id).toBe("tckh");
    expect(matchUnitName("Sở Khoa học và Công nghệ", directory, ctx)[0]?.id).toBe("sokhcn");
    expect(matchUnitName("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã", directory, ctx)[0]?.id).toBe("vp");
  });

  it("matches a group by its printed form with lower confidence when OCR damaged it", () => {
    const [best] = matchUnitName("UBND cac x3, phuong", directory, ctx);
    expect(best?.id).toBe("xa-phuong");
    expect(best?.type).toBe("group");
    expect(best!.confidence).toBeLessThan(1);
    expect(best!.confidence).toBeGreaterThan(0.7);
  });

  it("prefers the issuer's own office over a namesake elsewhere", () => {
    const entries: DirectoryEntry[] = [
      { id: "other", name: "Phòng Nội vụ huyện Văn Lâm", aliases: [], type: "unit" },
      { id: "own", name: "Phòng Nội vụ thị xã Mỹ Hào", aliases: [], type: "unit", underIssuer: true },
    ];
    expect(matchUnitName("Phòng Nội vụ", entries, { localities: ["Mỹ Hào", "Văn Lâm"] })[0]?.id).toBe("own");
  });

  it("returns nothing for a name unlike any unit", () => {
    expect(matchUnitName("Người bệnh", directory, ctx)).toEqual([]);
  });
});
