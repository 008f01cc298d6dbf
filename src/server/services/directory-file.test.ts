import { describe, expect, it } from "vitest";
import { DirectoryFileError, parseCsv, parseDateCell, parseDirectoryRows } from "./directory-file.js";
import { parseUnitKind, UNIT_KIND_LABEL } from "./unit-directory.js";

const HEADER = ["Mã", "Tên", "Tên viết tắt", "Loại", "Mã đơn vị cha", "Tên gọi khác", "Hiệu lực từ", "Hiệu lực đến"];

function problemsOf(cells: string[][]): string[] {
  try {
    parseDirectoryRows(cells);
  } catch (err) {
    if (err instanceof DirectoryFileError) return err.problems;
    throw err;
  }
  return [];
}

describe("directory file", () => {
  it.each([
    [
      "a,b,c\r\n1,2,3\r\n",
      [
        ["a", "b", "c"],
        ["1", "2", "3"],
      ],
    ],
    [
      '\uFEFFMã;Tên\nx;"Xã A; B"\n',
      [
        ["Mã", "Tên"],
        ["x", "Xã A; B"],
      ],
    ],
    [
      'a,b\n"say ""hi""",\n',
      [
        ["a", "b"],
        ['say "hi"', ""],
      ],
    ],
    [
      'a,b\n"two\nlines",x',
      [
        ["a", "b"],
        ["two\nlines", "x"],
      ],
    ],
  ])("parses CSV %j", (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it.each([
    ["01/07/2025", "2025-07-01"],
    ["1/7/2025", "2025-07-01"],
    ["2025-07-01", "2025-07-01"],
    ["", null],
    ["31/02/2025", undefined],
    ["ngày 1", undefined],
  ])("reads the date %j", (text, iso) => {
    expect(parseDateCell(text)).toBe(iso);
  });

  it("reads kinds by Vietnamese label or code, ignoring case and diacritics", () => {
    for (const [kind, label] of Object.entries(UNIT_KIND_LABEL)) {
      expect(parseUnitKind(label)).toBe(kind);
      expect(parseUnitKind(kind)).toBe(kind);
    }
    expect(parseUnitKind("phuong")).toBe("ward");
    expect(parseUnitKind("Huyện đảo")).toBeUndefined();
  });

  it("validates every row and reports each problem with its spreadsheet row number", () => {
    expect(
      problemsOf([
        HEADER,
        ["a", "Xã A", "", "Xã", "", "UBND xã A; Xã A", "", ""],
        ["a", "Xã B", "", "Xã", "", "", "", ""],
        ["", "", "", "", "", "", "", ""],
        ["c d", "Xã C", "", "Làng", "", "", "01/07/2025", "01/01/2025"],
      ]),
    ).toEqual([
      "Dòng 3: Mã đơn vị “a” trùng với dòng 2.",
      "Dòng 5: Mã đơn vị “c d” không hợp lệ.",
      "Dòng 5: Loại đơn vị không hợp lệ (“Làng”).",
      "Dòng 5: Ngày “Hiệu lực đến” phải sau ngày “Hiệu lực từ”.",
    ]);
    expect(problemsOf([["Mã", "Tên"]])[0]).toContain("Thiếu cột “Loại”");
  });

  it("keeps aliases split on semicolons, columns found by name in any order", () => {
    const rows = parseDirectoryRows([
      ["Loại", "Tên", "Mã", "Tên gọi khác"],
      ["Phòng, ban", "Phòng Văn hóa và Thông tin", "vhtt", "Phòng VHTT; Phòng VH-TT;Phòng VHTT"],
    ]);
    expect(rows).toEqual([
      {
        line: 2,
        id: "vhtt",
        name: "Phòng Văn hóa và Thông tin",
        shortName: null,
        kind: "office",
        parentId: null,
        aliases: ["Phòng VHTT", "Phòng VH-TT"],
        validFrom: null,
        validTo: null,
      },
    ]);
  });
});
