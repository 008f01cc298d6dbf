/**
 * Public progress ("Công khai"): the read-only API anyone may call (no login), and the signed-in coordinator's
 * switch that publishes a plan's progress or withdraws it.
 */
import type { PlanPublicStateDto, PublicPlanDto, PublicPlanSummaryDto } from "../../../server/api-types.js";
import { API_BASE, api } from "../../api/client.js";

export function listPublicPlans(signal?: AbortSignal) {
  return api.get<PublicPlanSummaryDto[]>("/public/plans", { signal, expectUnauthenticated: true });
}

export function getPublicPlan(id: string, signal?: AbortSignal) {
  return api.get<PublicPlanDto>(`/public/plans/${encodeURIComponent(id)}`, { signal, expectUnauthenticated: true });
}

export function publicDownloadUrl(id: string, format: "csv" | "json"): string {
  return `${API_BASE}/public/plans/${encodeURIComponent(id)}/tasks.${format}`;
}

export function publicPlanPath(id: string): string {
  return `/cong-khai/${encodeURIComponent(id)}`;
}

export function getPlanPublicState(planId: string, signal?: AbortSignal) {
  return api.get<PlanPublicStateDto>(`/plans/${encodeURIComponent(planId)}/public`, { signal });
}

export function setPlanPublic(planId: string, isPublic: boolean) {
  return api.put<PlanPublicStateDto>(`/plans/${encodeURIComponent(planId)}/public`, { public: isPublic });
}
