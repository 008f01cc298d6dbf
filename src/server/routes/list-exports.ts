/**
 * Lists as XLSX (UX.md: "Every list can be exported to XLSX"), each with its list's filters and authorization:
 * GET /plans/export.xlsx (Kế hoạch), GET /me/tasks/export.xlsx (Nhiệm vụ của đơn vị), GET /plans/:id/overview.xlsx
 * (overdue tasks + reporting-rate grid, two sheets), GET /audit/export.xlsx (Nhật ký, streamed in batches).
 * The workbook's look lives in src/reports/list-xlsx.ts; queries are batched per page, never per row.
 */
import { auditActionLabel, auditActorText, entityLabel } from "../../core/audit-labels.js";
import { describeTimeframe } from "../../core/timeframe.js";
import { fileNamePart, type ListColumn, type ListSheet, writeListXlsx, XLSX_MIME } from "../../reports/list-xlsx.js";
import { iterateAuditEvents } from "../../store/repos/audit.js";
import { listPlans, type UnitTaskRow } from "../../store/repos/plans.js";
import type { AuditEvent } from "../../store/schema.js";
import type { GridCellDto, OverdueTaskDto, PlanListItemDto, ReportingRateDto, UnitTaskDto } from "../api-types.js";
import { authorize } from "../policies/index.js";
import { presentPlanListItem } from "../presenters/plan.js";
import { sendStream } from "../services/http-download.js";
import { buildOverview, loadPlanFacts } from "../services/plan-overview.js";
import { planListStats, todayIso } from "../services/plan-progress.js";
import { loadReadablePlan } from "../services/unit-report.js";
import { IdParams } from "./common.schema.js";
import type { RegisterRoutes } from "./deps.js";
import { AuditExportQuery, PlansExportQuery, UnitTasksExportQuery } from "./list-exports.schema.js";
import { OverviewQuery } from "./overview.schema.js";
import { loadUnitTasks, planListFilter } from "./plans.js";

/** Plans read (and their statistics computed) per batch: a fixed number of queries per batch. */
const PLAN_BATCH = 500;
const AUDIT_BATCH = 1000;
const ROLE_LABEL: Record<"lead" | "support", string> = { lead: "Chủ trì", support: "Phối hợp" };

function planNumberLabel(p: { number: string | null; docType: string }): string {
  return p.number ?? (p.docType ? `${p.docType} (không số)` : "Không số");
}

function dateVi(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

export const PLAN_COLUMNS: ListColumn<PlanListItemDto>[] = [
  { header: "Số", width: 18, value: planNumberLabel },
  { header: "Ngày ban hành", width: 14, kind: "date", value: (p) => p.issuedAt },
  { header: "Trích yếu", width: 70, value: (p) => (p.status === "closed" ? `${p.title} (đã kết thúc)` : p.title) },
  { header: "Đơn vị ban hành", width: 32, value: (p) => p.issuerName },
  {
    header: "Kỳ báo cáo tới",
    width: 30,
    value: (p) => (p.nextPeriod ? `${p.nextPeriod.label} (hạn nộp ${dateVi(p.nextPeriod.dueDate)})` : null),
  },
  { header: "% hoàn thành", width: 13, kind: "percent", value: (p) => p.percentDone },
  { header: "Quá hạn", width: 10, kind: "integer", value: (p) => p.overdueCount },
];

interface TaskExportRow {
  row: UnitTaskRow;
  task: UnitTaskDto;
  unitName: string;
}

function taskColumns(withUnit: boolean): ListColumn<TaskExportRow>[] {
  return [
    { header: "Kế hoạch", width: 22, value: (t) => t.task.planNumber ?? t.task.planTitle },
    { header: "STT", width: 7, value: (t) => t.task.ref },
    { header: "Nhiệm vụ", width: 70, value: (t) => t.task.title },
    ...(withUnit ? [{ header: "Đơn vị", width: 30, value: (t: TaskExportRow) => t.unitName }] : []),
    { header: "Vai trò", width: 11, value: (t) => ROLE_LABEL[t.task.role] },
    {
      header: "Thời gian",
      width: 26,
      value: (t) =>
        describeTimeframe({
          text: t.row.tf_text,
          kind: t.row.tf_kind as Parameters<typeof describeTimeframe>[0]["kind"],
          start: t.row.tf_start,
          end: t.row.tf_end,
          deadlines: parseDeadlines(t.row.tf_deadlines),
        }),
    },
    { header: "Hạn", width: 13, kind: "date", value: (t) => t.task.dueDate },
    {
      header: "Tình trạng",
      width: 24,
      value: (t) => (t.task.dueSoon ? `${t.task.statusLabel} (sắp đến hạn)` : t.task.statusLabel),
    },
    { header: "% hoàn thành", width: 13, kind: "percent", value: (t) => t.task.percent },
  ];
}

function parseDeadlines(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export const OVERDUE_COLUMNS: ListColumn<OverdueTaskDto>[] = [
  { header: "STT", width: 7, value: (t) => t.ref },
  { header: "Nhiệm vụ", width: 70, value: (t) => t.title },
  { header: "Nhóm", width: 8, value: (t) => t.groupRef },
  { header: "Đơn vị chủ trì", width: 36, value: (t) => t.leadUnits.map((u) => u.name).join("; ") },
  { header: "Hạn", width: 13, kind: "date", value: (t) => t.dueDate },
  { header: "Số ngày quá hạn", width: 12, kind: "integer", value: (t) => t.daysOverdue },
  { header: "% hoàn thành", width: 13, kind: "percent", value: (t) => t.percent },
];

/** A row of the reporting-rate grid: a unit with its cells, or the last row with each period's rate. */
type GridRow =
  | { kind: "unit"; name: string; cells: Map<string, GridCellDto>; rate: ReportingRateDto }
  | { kind: "total"; rates: Map<string, ReportingRateDto>; rate: ReportingRateDto };

function cellText(c: GridCellDto | undefined): string | null {
  if (!c) return null;
  return c.submittedOn ? `${c.label} (${dateVi(c.submittedOn)})` : c.label;
}

function gridColumns(periods: readonly { id: string; label: string }[]): ListColumn<GridRow>[] {
  return [
    { header: "Đơn vị", width: 40, value: (r) => (r.kind === "unit" ? r.name : "Tỷ lệ nộp báo cáo của kỳ") },
    ...periods.map(
      (p): ListColumn<GridRow> => ({
        header: p.label,
        width: 22,
        kind: (r) => (r.kind === "unit" ? "text" : "percent"),
        value: (r) => (r.kind === "unit" ? cellText(r.cells.get(p.id)) : (r.rates.get(p.id)?.rate ?? null)),
      }),
    ),
    { header: "Tỷ lệ nộp", width: 12, kind: "percent", value: (r) => r.rate.rate },
    { header: "Tỷ lệ đúng hạn", width: 12, kind: "percent", value: (r) => r.rate.onTimeRate },
  ];
}

export const AUDIT_COLUMNS: ListColumn<AuditEvent>[] = [
  { header: "Thời gian", width: 20, kind: "datetime", value: (e) => e.created_at },
  { header: "Người thực hiện", width: 30, value: (e) => auditActorText(e.actor_label) },
  { header: "Thao tác", width: 28, value: (e) => auditActionLabel(e.action) },
  { header: "Mã thao tác", width: 22, value: (e) => e.action },
  { header: "Đối tượng", width: 18, value: (e) => entityLabel(e.entity_type) },
  { header: "Mã đối tượng", width: 28, value: (e) => e.entity_id },
  { header: "Địa chỉ IP", width: 16, value: (e) => e.ip },
  { header: "Trước", width: 50, value: (e) => e.before_json },
  { header: "Sau", width: 50, value: (e) => e.after_json },
];

export const registerListExportRoutes: RegisterRoutes = (routes, { database }) => {
  const db = database.db;

  routes.add({
    method: "GET",
    url: "/plans/export.xlsx",
    summary:
      "Tải danh sách kế hoạch (XLSX) theo bộ lọc của danh sách: Số, Ngày ban hành, Trích yếu, Đơn vị ban hành, Kỳ báo cáo tới, % hoàn thành, Quá hạn",
    tag: "Kế hoạch",
    auth: "user",
    query: PlansExportQuery,
    status: 200,
    handler: async ({ actor, query, reply }) => {
      const filter = await planListFilter(database, actor, query);
      const today = todayIso();
      const items: PlanListItemDto[] = [];
      for (let offset = 0; ; offset += PLAN_BATCH) {
        const rows = await listPlans(db, { ...filter, limit: PLAN_BATCH, offset });
        const stats = await planListStats(db, rows, today);
        for (const r of rows) items.push(presentPlanListItem(r, stats.get(r.id)));
        if (rows.length < PLAN_BATCH) break;
      }
      await sendStream(reply, { fileName: "Danh sách kế hoạch.xlsx", mime: XLSX_MIME }, (out) =>
        writeListXlsx([{ name: "Kế hoạch", columns: PLAN_COLUMNS, rows: items }], out),
      );
    },
  });

  routes.add({
    method: "GET",
    url: "/me/tasks/export.xlsx",
    summary:
      "Tải nhiệm vụ của các đơn vị tôi thuộc về (XLSX) theo bộ lọc: Kế hoạch, STT, Nhiệm vụ, Vai trò, Thời gian, Hạn, Tình trạng, % hoàn thành",
    tag: "Đơn vị",
    auth: "user",
    query: UnitTasksExportQuery,
    status: 200,
    handler: async ({ actor, query, reply }) => {
      const unitNames = new Map(actor.memberships.map((m) => [m.unitId, m.unitName]));
      const tasks = await loadUnitTasks(db, [...unitNames.keys()], query, 20_000);
      const rows = tasks.map((t) => ({ ...t, unitName: unitNames.get(t.task.unitId) ?? "" }));
      await sendStream(reply, { fileName: "Nhiệm vụ của đơn vị.xlsx", mime: XLSX_MIME }, (out) =>
        writeListXlsx([{ name: "Nhiệm vụ", columns: taskColumns(unitNames.size > 1), rows }], out),
      );
    },
  });

  routes.add({
    method: "GET",
    url: "/plans/:id/overview.xlsx",
    summary:
      "Tải tổng quan kế hoạch (XLSX, hai trang tính): nhiệm vụ quá hạn và tỷ lệ báo cáo (đơn vị × kỳ); ?period= như màn hình tổng quan",
    tag: "Tổng quan",
    auth: "user",
    params: IdParams,
    query: OverviewQuery,
    status: 200,
    errors: [404],
    handler: async ({ actor, params, query, reply }) => {
      const { plan } = await loadReadablePlan(db, actor, params.id);
      const o = buildOverview(await loadPlanFacts(db, params.id), { now: new Date(), periodId: query.period ?? null });
      const cells = new Map<string, Map<string, GridCellDto>>();
      for (const c of o.grid.cells) {
        const m = cells.get(c.unitId) ?? new Map<string, GridCellDto>();
        m.set(c.periodId, c);
        cells.set(c.unitId, m);
      }
      const grid: GridRow[] = [
        ...o.grid.units.map(
          (u): GridRow => ({ kind: "unit", name: u.name, cells: cells.get(u.id) ?? new Map(), rate: u.rate }),
        ),
        { kind: "total", rates: new Map(o.grid.periods.map((p) => [p.id, p.rate])), rate: o.grid.total },
      ];
      const overdue: ListSheet<OverdueTaskDto> = {
        name: "Nhiệm vụ quá hạn",
        columns: OVERDUE_COLUMNS,
        rows: o.overdue,
      };
      const rates: ListSheet<GridRow> = {
        name: "Tỷ lệ báo cáo",
        columns: gridColumns(o.grid.periods),
        rows: grid,
        bold: (r) => r.kind === "total",
      };
      const number = plan.number ? fileNamePart(plan.number) : "khong-so";
      await sendStream(reply, { fileName: `Tổng quan kế hoạch ${number}.xlsx`, mime: XLSX_MIME }, (out) =>
        writeListXlsx([overdue, rates], out),
      );
    },
  });

  routes.add({
    method: "GET",
    url: "/audit/export.xlsx",
    summary:
      "Tải nhật ký hệ thống (XLSX, quản trị hệ thống) theo bộ lọc của nhật ký; ghi dần từng lô, không giới hạn số dòng",
    tag: "Nhật ký",
    auth: "user",
    query: AuditExportQuery,
    status: 200,
    errors: [403],
    handler: async ({ actor, query, reply }) => {
      authorize(actor, "audit.read", null);
      const to = query.to && query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to;
      const rows = iterateAuditEvents(db, { ...query, to }, AUDIT_BATCH);
      await sendStream(reply, { fileName: "Nhật ký hệ thống.xlsx", mime: XLSX_MIME }, (out) =>
        writeListXlsx([{ name: "Nhật ký", columns: AUDIT_COLUMNS, rows }], out),
      );
    },
  });
};
