import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CandTable } from "./cand-table.js";
import type { NgramModel } from "./lm.js";
import { buildModelBytes } from "./model-build.js";
import { readSections } from "./model-file.js";
import { bundleFromSections, liveSlotList, MODEL_URL, syllableLmIds } from "./restore.js";

const texts = [
  {
    name: "a.txt",
    text: "Ủy ban nhân dân phường tổ chức thực hiện kế hoạch chuyển đổi số năm 2025.\nCác đơn vị báo cáo kết quả về Phòng Kinh tế.",
  },
  { name: "b.txt", text: "Đẩy mạnh đổi mới sáng tạo, ứng dụng khoa học và công nghệ trong sản xuất, kinh doanh." },
];

describe("model build", () => {
  it("is deterministic: the same texts give byte-identical model files", () => {
    const a = buildModelBytes(texts, { noisePasses: 2, allFolds: false });
    const b = buildModelBytes(texts, { noisePasses: 2, allFolds: false });
    expect(a.keys).toBeGreaterThan(20);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it("round-trips: the stored LM and candidate lists equal what is computed live", () => {
    const { bytes, lm } = buildModelBytes(texts, { noisePasses: 1, allFolds: false });
    const s = readSections(bytes);
    const loaded = bundleFromSections(s).m;
    for (const [t, u, w] of [
      ["<s>", "<s>", "ủy"],
      ["ủy", "ban", "nhân"],
      ["đổi", "mới", "sáng"],
      ["các", "đơn", "vị"],
      ["xyz", "ban", "phường"],
    ] as const)
      expect(loaded.cost(loaded.id(t), loaded.id(u), loaded.id(w))).toBeCloseTo(
        lm.cost(lm.id(t), lm.id(u), lm.id(w)),
        5,
      );
    const table = new CandTable(s);
    const sylLm = syllableLmIds(lm);
    for (const key of ["ban", "nhân", "dân", "phường", "đổi", "mới"]) {
      const stored = table.get(key)!;
      const live = liveSlotList(lm, key, sylLm);
      expect(stored.syl).toEqual(live.syl);
      stored.cost.forEach((c, i) => {
        expect(c).toBeCloseTo(live.cost[i]!, 4);
      });
    }
  });

  it("the shipped model is current: its candidate lists match the channel code", () => {
    const s = readSections(fs.readFileSync(MODEL_URL));
    const table = new CandTable(s);
    expect(table.size).toBeGreaterThan(5000);
    const m = bundleFromSections(s).m as NgramModel;
    const sylLm = syllableLmIds(m);
    for (const key of ["hoat", "dong", "d6i", "méi", "chirc", "nghé", "tw", "cua", "trién"]) {
      const stored = table.get(key);
      expect(stored, key).toBeDefined();
      expect(stored!.syl, key).toEqual(liveSlotList(m, key, sylLm).syl);
    }
  });
});
