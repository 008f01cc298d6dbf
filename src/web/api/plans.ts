import type {
  PageDto,
  PlanDto,
  PlanListItemDto,
  PlanOverviewDto,
  TaskStatusName,
  UnitTaskDto,
} from "../../server/api-types.js";
import { api, buildUrl } from "./client.js";

export interface PlanQuery {
  q?: string;
  year?: number;
  status?: "published" | "closed" | "draft";
  limit: number;
  offset: number;
}

export function listPlans(query: PlanQuery, signal?: AbortSignal) {
  return api.get<PageDto<PlanListItemDto>>("/plans", { query: { ...query }, signal });
}

/** The plan list as XLSX, with the list's filters (no paging: every plan the filters select). */
export function plansExportUrl(query: Omit<PlanQuery, "limit" | "offset">): string {
  return buildUrl("/plans/export.xlsx", { ...query });
}

export function getPlan(id: string, signal?: AbortSignal) {
  return api.get<PlanDto>(`/plans/${encodeURIComponent(id)}`, { signal });
}

export function planSourceUrl(id: string): string {
  return `/api/v1/plans/${encodeURIComponent(id)}/source`;
}

export interface TaskQuery {
  status?: TaskStatusName;
  role?: "lead" | "support";
  planId?: string;
  dueFrom?: string;
  dueTo?: string;
  limit: number;
  offset: number;
}

export function myTasks(query: TaskQuery, signal?: AbortSignal) {
  return api.get<PageDto<UnitTaskDto>>("/me/tasks", { query: { ...query }, signal });
}

/** The unit's tasks as XLSX, with the list's filters. */
export function myTasksExportUrl(query: Omit<TaskQuery, "limit" | "offset">): string {
  return buildUrl("/me/tasks/export.xlsx", { ...query });
}

export const ROLE_IN_TASK: Record<"lead" | "support", string> = { lead: "Chủ trì", support: "Phối hợp" };

/** "121/KH-UBND" as issued; a plan without a number shows its document type. */
export function planNumberLabel(plan: { number: string | null; docType?: string }): string {
  return plan.number ?? (plan.docType ? `${plan.docType} (không số)` : "Không số");
}

export function getOverview(id: string, periodId: string | null, signal?: AbortSignal) {
  return api.get<PlanOverviewDto>(`/plans/${encodeURIComponent(id)}/overview`, {
    query: { period: periodId ?? undefined },
    signal,
  });
}

/** The overview's overdue tasks and reporting-rate grid as XLSX (two sheets). */
export function overviewExportUrl(id: string, periodId: string | null = null): string {
  return buildUrl(`/plans/${encodeURIComponent(id)}/overview.xlsx`, { period: periodId });
}

export function unitTasks(unitId: string, query: TaskQuery, signal?: AbortSignal) {
  return api.get<PageDto<UnitTaskDto>>(`/units/${encodeURIComponent(unitId)}/tasks`, { query: { ...query }, signal });
}
