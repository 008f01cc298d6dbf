/**
 * Rules shared by the directory commands: Vietnamese labels of unit kinds, audit snapshots, and the checks every
 * change to the tree makes (the parent exists, no cycle, validity dates in order).
 */
import type { Executor } from "../../store/db.js";
import { isSelfOrDescendant } from "../../store/repos/directory-admin.js";
import { getUnit, unitAliases } from "../../store/repos/units.js";
import type { Unit, UnitKind } from "../../store/schema.js";
import { AppError } from "../errors.js";
import { unprocessable } from "./http-errors.js";

/** Vietnamese labels of the unit kinds (directory file column "Loại", the web's kind picker). */
export const UNIT_KIND_LABEL: Readonly<Record<UnitKind, string>> = {
  province: "Tỉnh, thành phố",
  district: "Quận, huyện, thị xã",
  commune: "Xã",
  ward: "Phường",
  town: "Thị trấn",
  department: "Sở, ban, ngành",
  office: "Phòng, ban",
  agency: "Cơ quan, đơn vị sự nghiệp",
  party: "Cơ quan Đảng",
  association: "Mặt trận, đoàn thể, hội",
  school: "Trường học",
  enterprise: "Doanh nghiệp",
  other: "Khác",
};

/** Label (or code, case and diacritics ignored) → kind. */
export function parseUnitKind(text: string): UnitKind | undefined {
  const key = fold(text);
  if (!key) return undefined;
  for (const [kind, label] of Object.entries(UNIT_KIND_LABEL) as [UnitKind, string][]) {
    if (fold(label) === key || kind === key) return kind;
  }
  return undefined;
}

function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** What the audit trail keeps of a unit. */
export function unitSnapshot(u: Unit): Record<string, unknown> {
  return {
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    parentId: u.parent_id,
    aliases: unitAliases(u),
    validFrom: u.valid_from,
    validTo: u.valid_to,
  };
}

/** Only the fields that differ, as a before/after pair. */
export function snapshotDiff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}

export function assertValidity(validFrom: string | null | undefined, validTo: string | null | undefined): void {
  if (validFrom && validTo && validFrom >= validTo) {
    throw new AppError("VALIDATION", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.", {
      fields: { validTo: "Phải sau ngày bắt đầu hiệu lực." },
    });
  }
}

/** Loads the parent or answers 400 on `field`. */
export async function requireParent(db: Executor, parentId: string, field = "parentId"): Promise<Unit> {
  const parent = await getUnit(db, parentId);
  if (!parent) {
    throw new AppError("VALIDATION", "Không tìm thấy đơn vị cấp trên.", {
      fields: { [field]: "Không tìm thấy đơn vị cấp trên." },
    });
  }
  return parent;
}

/** 422 when putting `unit` under `parentId` would make it its own ancestor. */
export async function assertNoParentCycle(db: Executor, unit: Pick<Unit, "id" | "name">, parentId: string) {
  if (await isSelfOrDescendant(db, unit.id, parentId)) {
    throw unprocessable(
      "STATE",
      `Không thể đặt “${unit.name}” trực thuộc chính nó hoặc một đơn vị trực thuộc của nó (sẽ tạo vòng lặp trong cây đơn vị).`,
      { fields: { parentId: "Đơn vị cấp trên không được là chính đơn vị này hoặc đơn vị trực thuộc của nó." } },
    );
  }
}
