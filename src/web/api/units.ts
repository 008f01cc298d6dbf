import type { UnitDto, UnitListItemDto } from "../../server/api-types.js";
import { api } from "./client.js";

/**
 * One row of GET /api/v1/units. Rendering is tolerant: only id and name are relied on, so the list shows whatever
 * the server sends.
 */
export type UnitListItem = Pick<UnitListItemDto, "id" | "name"> & Partial<Omit<UnitListItemDto, "id" | "name">>;

export interface UnitQuery {
  /** Search text; the server ignores diacritics and case. */
  q?: string;
  /** Children of this unit (when q is empty); roots when absent. */
  parentId?: string | null;
  limit?: number;
}

/** GET /api/v1/units — accepts a plain array or a page ({ items }). */
export async function listUnits(query: UnitQuery, signal?: AbortSignal): Promise<UnitListItem[]> {
  const q = query.q?.trim();
  const data = await api.get<UnitListItem[] | { items?: UnitListItem[] }>("/units", {
    query: { q, parentId: q ? undefined : query.parentId, limit: query.limit },
    signal,
  });
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data.items)) return data.items;
  return [];
}

/** GET /api/v1/units/:id — the unit with its ancestors and children. */
export function getUnit(id: string, signal?: AbortSignal): Promise<UnitDto> {
  return api.get<UnitDto>(`/units/${encodeURIComponent(id)}`, { signal });
}

const KIND_LABELS: Record<string, string> = {
  province: "Tỉnh, thành phố",
  district: "Cấp huyện (trước 01/7/2025)",
  commune: "Xã",
  ward: "Phường",
  town: "Thị trấn",
  department: "Sở, ban, ngành",
  office: "Phòng, ban",
  agency: "Đơn vị sự nghiệp, cơ quan khác",
  party: "Cơ quan Đảng",
  association: "Mặt trận, đoàn thể, hội",
  school: "Trường học",
  enterprise: "Doanh nghiệp",
  other: "Khác",
};

export function unitKindLabel(kind: string | null | undefined): string {
  if (!kind) return "—";
  return KIND_LABELS[kind] ?? kind;
}
