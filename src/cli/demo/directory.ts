/**
 * The demo unit directory, as data: the bodies the five seed plans name (quận Gò Vấp and TP. Hồ Chí Minh, thị xã Mỹ
 * Hào and tỉnh Hưng Yên, thành phố Hà Nội), their offices, wards/communes and mass organizations, with the aliases and
 * abbreviations the documents actually print ("Phòng VHTT", "Hội LHPN Quận", "Ủy ban nhân dân 16 phường").
 *
 * Every entry has a stable `key`; ids are derived from it, so seeding is idempotent and re-running after editing this
 * file updates the rows in place. Administrative boundaries are those the plans were issued under (before 1/7/2025).
 */
import type { Role, UnitGroupRule, UnitKind } from "../../store/schema.js";

export interface DemoUnit {
  key: string;
  name: string;
  kind: UnitKind;
  shortName?: string;
  aliases?: string[];
  children?: DemoUnit[];
}

export interface DemoGroup {
  key: string;
  name: string;
  ownerKey: string;
  rule: UnitGroupRule;
  aliases?: string[];
  /** For the "explicit" rule. */
  memberKeys?: string[];
}

export interface DemoAccount {
  username: string;
  displayName: string;
  isAdmin?: boolean;
  memberships: { unitKey: string; role: Role }[];
}

/** An office of a district-level body: full name with the place, the bare name and "… quận/thị xã" as aliases. */
function office(
  key: string,
  base: string,
  level: "quận" | "thị xã",
  place: string,
  kind: UnitKind = "office",
  aliases: string[] = [],
): DemoUnit {
  return {
    key,
    name: `${base} ${level} ${place}`,
    shortName: base,
    kind,
    aliases: [base, `${base} ${level}`, ...aliases],
  };
}

function department(key: string, base: string, place: string, aliases: string[] = []): DemoUnit {
  return { key, name: `${base} ${place}`, shortName: base, kind: "department", aliases: [base, ...aliases] };
}

const GO_VAP_WARDS = [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];

const goVap: DemoUnit = {
  key: "hcm/govap",
  name: "Quận Gò Vấp",
  kind: "district",
  aliases: ["Ủy ban nhân dân quận Gò Vấp", "UBND quận Gò Vấp", "Gò Vấp", "Ủy ban nhân dân quận", "UBND quận"],
  children: [
    office("hcm/govap/vp", "Văn phòng HĐND và UBND", "quận", "Gò Vấp", "office", [
      "Văn phòng Ủy ban nhân dân quận",
      "Văn phòng UBND quận",
      "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận",
    ]),
    office("hcm/govap/kinhte", "Phòng Kinh tế", "quận", "Gò Vấp", "office", ["Phòng KT"]),
    office("hcm/govap/noivu", "Phòng Nội vụ", "quận", "Gò Vấp"),
    office("hcm/govap/tuphap", "Phòng Tư pháp", "quận", "Gò Vấp"),
    office("hcm/govap/vhtt", "Phòng Văn hóa và Thông tin", "quận", "Gò Vấp", "office", [
      "Phòng VHTT",
      "Phòng VH-TT",
      "Phòng Văn hóa - Thông tin",
    ]),
    office("hcm/govap/gddt", "Phòng Giáo dục và Đào tạo", "quận", "Gò Vấp", "office", [
      "Phòng GD&ĐT",
      "Phòng GDĐT",
      "Phòng Giáo dục",
    ]),
    office("hcm/govap/tckh", "Phòng Tài chính - Kế hoạch", "quận", "Gò Vấp", "office", [
      "Phòng Tài chính kế hoạch",
      "Phòng TC-KH",
      "Phòng TCKH",
    ]),
    office("hcm/govap/yte", "Phòng Y tế", "quận", "Gò Vấp"),
    office("hcm/govap/tnmt", "Phòng Tài nguyên và Môi trường", "quận", "Gò Vấp", "office", ["Phòng TN&MT"]),
    office("hcm/govap/qldt", "Phòng Quản lý đô thị", "quận", "Gò Vấp", "office", ["Phòng QLĐT"]),
    office("hcm/govap/ldtbxh", "Phòng Lao động - Thương binh và Xã hội", "quận", "Gò Vấp", "office", [
      "Phòng LĐ-TB&XH",
    ]),
    office("hcm/govap/thanhtra", "Thanh tra", "quận", "Gò Vấp"),
    office("hcm/govap/ttvh", "Trung tâm Văn hóa", "quận", "Gò Vấp", "agency"),
    office("hcm/govap/bqlcho", "Ban Quản lý các chợ", "quận", "Gò Vấp", "agency"),
    office("hcm/govap/congan", "Công an", "quận", "Gò Vấp", "agency", ["Công an Quận"]),
    {
      key: "hcm/govap/qltt11",
      name: "Đội Quản lý thị trường số 11",
      kind: "agency",
      aliases: ["Đội QLTT số 11"],
    },
    office("hcm/govap/thongke", "Chi cục Thống kê", "quận", "Gò Vấp", "agency"),
    office("hcm/govap/mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam", "quận", "Gò Vấp", "association", [
      "Ủy ban Mặt trận Tổ quốc Việt Nam Quận",
      "Mặt trận Tổ quốc quận",
      "UBMTTQ quận",
      "UBMTTQVN quận",
    ]),
    office("hcm/govap/hlhpn", "Hội Liên hiệp Phụ nữ", "quận", "Gò Vấp", "association", [
      "Hội LHPN quận",
      "Hội Liên hiệp phụ nữ quận",
      "Hội Phụ nữ quận",
    ]),
    {
      key: "hcm/govap/quandoan",
      name: "Quận đoàn Gò Vấp",
      shortName: "Quận đoàn",
      kind: "association",
      aliases: ["Quận đoàn", "Quận Đoàn", "Đoàn Thanh niên quận", "Đoàn TNCS Hồ Chí Minh quận Gò Vấp"],
    },
    office("hcm/govap/hlhtn", "Hội Liên hiệp Thanh niên", "quận", "Gò Vấp", "association", ["Hội LHTN quận"]),
    office("hcm/govap/hccb", "Hội Cựu chiến binh", "quận", "Gò Vấp", "association", ["Hội CCB quận"]),
    office("hcm/govap/ldld", "Liên đoàn Lao động", "quận", "Gò Vấp", "association", ["LĐLĐ quận"]),
    office("hcm/govap/hdn", "Hội Doanh nghiệp", "quận", "Gò Vấp", "association", ["Hội doanh nghiệp quận"]),
    ...GO_VAP_WARDS.map(
      (n): DemoUnit => ({
        key: `hcm/govap/p${n}`,
        name: `Phường ${n}`,
        kind: "ward",
        aliases: [`UBND Phường ${n}`, `Ủy ban nhân dân Phường ${n}`, `Phường ${n} quận Gò Vấp`],
      }),
    ),
  ],
};

const hoChiMinh: DemoUnit = {
  key: "hcm",
  name: "Thành phố Hồ Chí Minh",
  kind: "province",
  aliases: [
    "TP. Hồ Chí Minh",
    "TP.HCM",
    "TPHCM",
    "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    "UBND Thành phố Hồ Chí Minh",
    "UBND TP.HCM",
  ],
  children: [
    department("hcm/skhcn", "Sở Khoa học và Công nghệ", "Thành phố Hồ Chí Minh", [
      "Sở KH&CN Thành phố Hồ Chí Minh",
      "Sở Khoa học Công nghệ Thành phố",
      "Sở Khoa học công nghệ Thành phố",
    ]),
    {
      key: "hcm/skhcn/tdc",
      name: "Chi cục Tiêu chuẩn Đo lường Chất lượng Thành phố Hồ Chí Minh",
      shortName: "Chi cục Tiêu chuẩn Đo lường Chất lượng",
      kind: "agency",
      aliases: ["Chi cục Tiêu chuẩn Đo lường Chất lượng", "Chi cục Tiêu chuẩn - Đo lường - Chất lượng", "Chi cục TĐC"],
    },
    department("hcm/stttt", "Sở Thông tin và Truyền thông", "Thành phố Hồ Chí Minh", ["Sở TT&TT"]),
    department("hcm/snv", "Sở Nội vụ", "Thành phố Hồ Chí Minh"),
    {
      key: "hcm/thanhdoan",
      name: "Thành Đoàn Thành phố Hồ Chí Minh",
      shortName: "Thành Đoàn",
      kind: "association",
      aliases: ["Thành Đoàn TP.HCM", "Thành đoàn"],
      children: [
        {
          key: "hcm/thanhdoan/ttptkhcnt",
          name: "Trung tâm Phát triển Khoa học và Công nghệ Trẻ",
          kind: "agency",
          aliases: ["Trung Tâm Phát Triển Khoa Học & Công Nghệ Trẻ"],
        },
      ],
    },
    goVap,
  ],
};

const MY_HAO_WARDS = ["Bần Yên Nhân", "Dị Sử", "Phùng Chí Kiên", "Bạch Sam", "Minh Đức", "Nhân Hòa", "Phan Đình Phùng"];
const MY_HAO_COMMUNES = ["Cẩm Xá", "Dương Quang", "Hòa Phong", "Hưng Long", "Ngọc Lâm", "Xuân Dục"];
const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");

const myHao: DemoUnit = {
  key: "hy/myhao",
  name: "Thị xã Mỹ Hào",
  kind: "district",
  aliases: ["Ủy ban nhân dân thị xã Mỹ Hào", "UBND thị xã Mỹ Hào", "Mỹ Hào", "Ủy ban nhân dân thị xã", "UBND thị xã"],
  children: [
    office("hy/myhao/vp", "Văn phòng HĐND và UBND", "thị xã", "Mỹ Hào", "office", [
      "Văn phòng HĐND và UBND thị",
      "Văn phòng HĐND và HĐND thị xã",
      "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã",
    ]),
    office("hy/myhao/vhkhtt", "Phòng Văn hóa, Khoa học và Thông tin", "thị xã", "Mỹ Hào", "office", [
      "Phòng VH,KH&TT",
      "Phòng Văn hóa, Khoa học và Thông tin thị xã",
    ]),
    office("hy/myhao/noivu", "Phòng Nội vụ", "thị xã", "Mỹ Hào"),
    office("hy/myhao/tckh", "Phòng Tài chính - Kế hoạch", "thị xã", "Mỹ Hào", "office", ["Phòng TC-KH"]),
    office("hy/myhao/kthtdt", "Phòng Kinh tế, Hạ tầng và Đô thị", "thị xã", "Mỹ Hào", "office", ["Phòng KT,HT&ĐT"]),
    office("hy/myhao/gddt", "Phòng Giáo dục và Đào tạo", "thị xã", "Mỹ Hào", "office", ["Phòng GD&ĐT"]),
    office("hy/myhao/yte", "Phòng Y tế", "thị xã", "Mỹ Hào"),
    office("hy/myhao/tuphap", "Phòng Tư pháp", "thị xã", "Mỹ Hào"),
    office("hy/myhao/tnmt", "Phòng Tài nguyên và Môi trường", "thị xã", "Mỹ Hào", "office", ["Phòng TN&MT"]),
    office("hy/myhao/thanhtra", "Thanh tra", "thị xã", "Mỹ Hào"),
    office("hy/myhao/ttvhtt", "Trung tâm Văn hóa và Truyền thanh", "thị xã", "Mỹ Hào", "agency"),
    office("hy/myhao/ttyt", "Trung tâm Y tế", "thị xã", "Mỹ Hào", "agency"),
    office("hy/myhao/congan", "Công an", "thị xã", "Mỹ Hào", "agency"),
    {
      key: "hy/myhao/doithue",
      name: "Đội Thuế liên huyện Mỹ Hào - Văn Lâm",
      kind: "agency",
      aliases: ["Đội Thuế liên huyện Mỹ Hào – Văn Lâm"],
    },
    office("hy/myhao/mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam", "thị xã", "Mỹ Hào", "association", [
      "Mặt trận Tổ quốc thị xã",
      "UBMTTQ thị xã",
    ]),
    office("hy/myhao/hlhpn", "Hội Liên hiệp Phụ nữ", "thị xã", "Mỹ Hào", "association", ["Hội LHPN thị xã"]),
    {
      key: "hy/myhao/thidoan",
      name: "Thị đoàn Mỹ Hào",
      shortName: "Thị đoàn",
      kind: "association",
      aliases: ["Thị đoàn", "Đoàn Thanh niên thị xã"],
    },
    office("hy/myhao/hnd", "Hội Nông dân", "thị xã", "Mỹ Hào", "association"),
    office("hy/myhao/hccb", "Hội Cựu chiến binh", "thị xã", "Mỹ Hào", "association", ["Hội CCB thị xã"]),
    office("hy/myhao/ldld", "Liên đoàn Lao động", "thị xã", "Mỹ Hào", "association"),
    office("hy/myhao/hhdn", "Hiệp hội Doanh nghiệp", "thị xã", "Mỹ Hào", "association", [
      "Hiệp hội doanh nghiệp thị xã",
    ]),
    ...MY_HAO_WARDS.map(
      (n): DemoUnit => ({
        key: `hy/myhao/${slug(n)}`,
        name: `Phường ${n}`,
        kind: "ward",
        aliases: [`UBND phường ${n}`, `Ủy ban nhân dân phường ${n}`],
      }),
    ),
    ...MY_HAO_COMMUNES.map(
      (n): DemoUnit => ({
        key: `hy/myhao/${slug(n)}`,
        name: `Xã ${n}`,
        kind: "commune",
        aliases: [`UBND xã ${n}`, `Ủy ban nhân dân xã ${n}`],
      }),
    ),
  ],
};

const hungYen: DemoUnit = {
  key: "hy",
  name: "Tỉnh Hưng Yên",
  kind: "province",
  aliases: ["Ủy ban nhân dân tỉnh Hưng Yên", "UBND tỉnh Hưng Yên", "Hưng Yên", "UBND tỉnh"],
  children: [
    department("hy/skhcn", "Sở Khoa học và Công nghệ", "tỉnh Hưng Yên", ["Sở KH&CN tỉnh Hưng Yên"]),
    department("hy/snv", "Sở Nội vụ", "tỉnh Hưng Yên"),
    department("hy/stc", "Sở Tài chính", "tỉnh Hưng Yên"),
    department("hy/sgddt", "Sở Giáo dục và Đào tạo", "tỉnh Hưng Yên", ["Sở GD&ĐT tỉnh Hưng Yên"]),
    department("hy/syt", "Sở Y tế", "tỉnh Hưng Yên"),
    department("hy/svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "tỉnh Hưng Yên", ["Sở VH,TT&DL"]),
    department("hy/stttt", "Sở Thông tin và Truyền thông", "tỉnh Hưng Yên", ["Sở TT&TT tỉnh Hưng Yên"]),
    myHao,
  ],
};

const haNoi: DemoUnit = {
  key: "hn",
  name: "Thành phố Hà Nội",
  kind: "province",
  aliases: ["Ủy ban nhân dân thành phố Hà Nội", "UBND thành phố Hà Nội", "UBND Thành phố", "TP Hà Nội", "Hà Nội"],
  children: [
    department("hn/skhcn", "Sở Khoa học và Công nghệ", "thành phố Hà Nội", ["Sở KH&CN Hà Nội"]),
    department("hn/snv", "Sở Nội vụ", "thành phố Hà Nội"),
    department("hn/svhtt", "Sở Văn hóa và Thể thao", "thành phố Hà Nội"),
    department("hn/stc", "Sở Tài chính", "thành phố Hà Nội"),
    department("hn/sgddt", "Sở Giáo dục và Đào tạo", "thành phố Hà Nội", ["Sở GD&ĐT Hà Nội"]),
    department("hn/syt", "Sở Y tế", "thành phố Hà Nội"),
    {
      key: "hn/mttq",
      name: "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội",
      shortName: "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố",
      kind: "association",
      aliases: ["Ủy ban MTTQ Việt Nam Thành phố", "UBMTTQ thành phố Hà Nội", "Mặt trận Tổ quốc Thành phố"],
    },
    {
      key: "hn/hlhpn",
      name: "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
      shortName: "Hội Liên hiệp Phụ nữ Thành phố",
      kind: "association",
      aliases: ["Hội LHPN Thành phố", "Hội LHPN Hà Nội"],
    },
    {
      key: "hn/thanhdoan",
      name: "Thành đoàn Hà Nội",
      shortName: "Thành đoàn",
      kind: "association",
      aliases: ["Đoàn Thanh niên Thành phố"],
    },
    {
      key: "hn/hnd",
      name: "Hội Nông dân thành phố Hà Nội",
      shortName: "Hội Nông dân Thành phố",
      kind: "association",
    },
    {
      key: "hn/hccb",
      name: "Hội Cựu chiến binh thành phố Hà Nội",
      shortName: "Hội Cựu chiến binh Thành phố",
      kind: "association",
    },
    {
      key: "hn/ldld",
      name: "Liên đoàn Lao động thành phố Hà Nội",
      shortName: "Liên đoàn Lao động Thành phố",
      kind: "association",
    },
  ],
};

export const DEMO_UNITS: DemoUnit[] = [hoChiMinh, hungYen, haNoi];

export const DEMO_GROUPS: DemoGroup[] = [
  {
    key: "group/govap/phuong",
    name: "UBND các phường quận Gò Vấp",
    ownerKey: "hcm/govap",
    rule: "communes_under",
    aliases: ["UBND các phường", "Ủy ban nhân dân các phường", "Ủy ban nhân dân 16 phường", "UBND 16 phường"],
  },
  {
    key: "group/govap/phongban",
    name: "Các phòng, ban, ngành quận Gò Vấp",
    ownerKey: "hcm/govap",
    rule: "offices_of",
    aliases: ["Các phòng, ban, ngành quận", "Các phòng ban chuyên môn", "Các phòng, ban chuyên môn quận"],
  },
  {
    key: "group/govap/doanthe",
    name: "Các đoàn thể quận Gò Vấp",
    ownerKey: "hcm/govap",
    rule: "explicit",
    aliases: ["Các đoàn thể Quận", "Mặt trận Tổ quốc và các đoàn thể quận"],
    memberKeys: [
      "hcm/govap/mttq",
      "hcm/govap/hlhpn",
      "hcm/govap/quandoan",
      "hcm/govap/hlhtn",
      "hcm/govap/hccb",
      "hcm/govap/ldld",
    ],
  },
  {
    key: "group/myhao/xaphuong",
    name: "UBND các xã, phường thị xã Mỹ Hào",
    ownerKey: "hy/myhao",
    rule: "communes_under",
    aliases: ["UBND các xã, phường", "Ủy ban nhân dân các xã, phường"],
  },
  {
    key: "group/myhao/phongban",
    name: "Các phòng, ban, ngành thị xã Mỹ Hào",
    ownerKey: "hy/myhao",
    rule: "offices_of",
    aliases: ["Các phòng, ban, ngành thị xã", "Các phòng, ngành thị xã", "Các phòng, ngành"],
  },
  {
    key: "group/hy/so",
    name: "Các sở, ban, ngành tỉnh Hưng Yên",
    ownerKey: "hy",
    rule: "offices_of",
    aliases: ["Các sở, ban, ngành tỉnh"],
  },
  {
    key: "group/hn/so",
    name: "Các sở, ban, ngành thành phố Hà Nội",
    ownerKey: "hn",
    rule: "offices_of",
    aliases: ["Các sở, ban, ngành Thành phố", "Các sở, ban, ngành"],
  },
  {
    key: "group/hn/doanthe",
    name: "Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội thành phố Hà Nội",
    ownerKey: "hn",
    rule: "explicit",
    aliases: ["Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội Thành phố"],
    memberKeys: ["hn/mttq", "hn/hlhpn", "hn/thanhdoan", "hn/hnd", "hn/hccb", "hn/ldld"],
  },
  {
    key: "group/hcm/so",
    name: "Các sở, ban, ngành Thành phố Hồ Chí Minh",
    ownerKey: "hcm",
    rule: "offices_of",
    aliases: ["Các sở, ngành thành phố"],
  },
];

/** Demo people, one per role, so every screen can be tried. They share the demo password. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "admin", displayName: "Quản trị hệ thống", isAdmin: true, memberships: [] },
  {
    username: "kinhte.govap",
    displayName: "Nguyễn Thị Thu (Phòng Kinh tế)",
    memberships: [
      { unitKey: "hcm/govap", role: "coordinator" },
      { unitKey: "hcm/govap/kinhte", role: "reporter" },
    ],
  },
  {
    username: "lanhdao.govap",
    displayName: "Trần Văn Minh (Lãnh đạo UBND quận)",
    memberships: [{ unitKey: "hcm/govap", role: "viewer" }],
  },
  {
    username: "phuong1.govap",
    displayName: "Lê Thị Hoa (UBND Phường 1)",
    memberships: [{ unitKey: "hcm/govap/p1", role: "reporter" }],
  },
  {
    username: "lanhdao.phuong1",
    displayName: "Phạm Văn Hùng (Chủ tịch UBND Phường 1)",
    memberships: [{ unitKey: "hcm/govap/p1", role: "leader" }],
  },
  {
    username: "vhkhtt.myhao",
    displayName: "Đỗ Thị Lan (Phòng VH,KH&TT thị xã Mỹ Hào)",
    memberships: [{ unitKey: "hy/myhao", role: "coordinator" }],
  },
  {
    username: "vanhoa.myhao",
    displayName: "Vũ Minh Tuấn (Phòng VH,KH&TT thị xã Mỹ Hào)",
    memberships: [{ unitKey: "hy/myhao/vhkhtt", role: "reporter" }],
  },
  {
    username: "taichinh.myhao",
    displayName: "Nguyễn Thị Hằng (Phòng TC-KH thị xã Mỹ Hào)",
    memberships: [{ unitKey: "hy/myhao/tckh", role: "reporter" }],
  },
  {
    username: "giaoduc.govap",
    displayName: "Hoàng Văn Nam (Phòng GD&ĐT quận Gò Vấp)",
    memberships: [{ unitKey: "hcm/govap/gddt", role: "reporter" }],
  },
  {
    username: "sokhcn.hanoi",
    displayName: "Bùi Thu Trang (Sở KH&CN Hà Nội)",
    memberships: [{ unitKey: "hn/skhcn", role: "reporter" }],
  },
];
