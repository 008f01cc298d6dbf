/**
 * The JSON shapes of the HTTP API (/api/v1), shared with the web app (which imports this file's types only).
 * Every successful response is `{ data: … }`; every error is `ApiError` with an HTTP status.
 * Dates are ISO strings (YYYY-MM-DD or full timestamps); the web formats them dd/mm/yyyy.
 */
import type { PlanSpans, PlanV1 } from "../core/plan-v1.js";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "STATE"
  | "CSRF"
  | "RATE_LIMITED"
  | "LOCKED"
  | "UNSUPPORTED_FILE"
  | "PAYLOAD_TOO_LARGE"
  | "INTERNAL";

export interface ApiError {
  error: {
    code: ErrorCode;
    /** Vietnamese, ready to show to the user. */
    message: string;
    /** Field-level problems: path ("password", "tasks.3.lead") → Vietnamese message. */
    fields?: Record<string, string>;
  };
}

export type RoleName = "admin" | "coordinator" | "leader" | "reporter" | "viewer";

export interface MembershipDto {
  unitId: string;
  unitName: string;
  role: RoleName;
}

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  memberships: MembershipDto[];
}

/** What the signed-in user may do across the application (menus show only these). */
export interface SessionAbilities {
  /** Quản trị tài khoản. */
  manageUsers: boolean;
  /** Nhật ký hệ thống. */
  readAudit: boolean;
  /** Nhập văn bản kế hoạch. */
  importPlans: boolean;
}

/** POST /api/v1/auth/login and GET /api/v1/auth/me. The web sends csrfToken as `x-csrf-token` on every mutation. */
export interface SessionDto {
  user: UserDto;
  csrfToken: string;
  abilities: SessionAbilities;
  /**
   * When the session ends at the latest (ISO timestamp); it also ends after `idleMinutes` without requests.
   * Null for API-token callers (csrfToken is then empty: Bearer requests need no CSRF token).
   */
  expiresAt: string | null;
  /** Idle minutes after which the session ends. */
  idleMinutes: number;
}

export interface HealthDto {
  status: "ok";
  version: string;
  database: "sqlite" | "postgres";
}

/** A list page: `GET …?limit=&offset=`. */
export interface PageDto<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** GET /api/v1/tokens (own tokens). The secret is shown only once, at creation. */
export interface ApiTokenDto {
  id: string;
  name: string;
  /** First characters of the token ("tdo_AbCdEf"), to recognise it. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** POST /api/v1/tokens: the only response that contains the token itself. */
export interface CreatedApiTokenDto extends ApiTokenDto {
  token: string;
}

export type UnitKindName =
  | "province"
  | "district"
  | "commune"
  | "ward"
  | "town"
  | "department"
  | "office"
  | "agency"
  | "party"
  | "association"
  | "school"
  | "enterprise"
  | "other";

export interface UnitSummaryDto {
  id: string;
  name: string;
  shortName: string | null;
  kind: UnitKindName;
  parentId: string | null;
}

/** GET /api/v1/units?q= (search) / ?parentId= (children) / no filter (top-level units). */
export interface UnitListItemDto extends UnitSummaryDto {
  parentName: string | null;
}

/** GET /api/v1/units/:id */
export interface UnitDto extends UnitSummaryDto {
  aliases: string[];
  validFrom: string | null;
  validTo: string | null;
  /** Ancestors, root first ("Thành phố Hồ Chí Minh" › "Quận Gò Vấp"). */
  ancestors: UnitSummaryDto[];
  children: UnitSummaryDto[];
  abilities: { manage: boolean };
}

/** GET /api/v1/audit (system administrators). */
export interface AuditEventDto {
  id: string;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

// ── imports (review) and plans ──────────────────────────────────────────────────────────────────────────────────

export type { PlanSpans, PlanV1 };

/** A problem of a reviewed document; `path` points into the plan ("tasks.3.lead"), the message is Vietnamese. */
export interface PlanProblemDto {
  path: string;
  message: string;
  severity: "error" | "warning";
  code: string;
}

export interface UnitRefDto {
  id: string;
  name: string;
}

/** A directory entry proposed for a printed unit name; a group lists the units it stands for. */
export interface UnitCandidateDto {
  id: string;
  name: string;
  type: "unit" | "group";
  /** 0..1; at least 0.9 is accepted without asking. */
  confidence: number;
  members: UnitRefDto[];
}

/** The coordinator's choice for one printed unit name (in `review.units`). */
export interface UnitResolutionDto {
  type: "unit" | "group";
  id: string;
  /** Members of a group the coordinator left out. */
  excludedUnitIds?: string[];
}

/** Review state kept with the draft (not part of tiendo.plan.v1). */
export interface ImportReviewDto {
  /** Printed name → chosen directory entry; null = explicitly left unresolved; absent = automatic. */
  units: Record<string, UnitResolutionDto | null>;
  /** The issuing unit when the automatic match is wrong. */
  issuerUnitId: string | null;
  /** Superior plans this plan implements (from the references, or chosen by hand). */
  superiorPlanIds: string[];
  /**
   * The coordinator said the plan has no superior plan in the system: publishing links none (nor any task), even
   * when a reference names a plan. Only with no superiorPlanIds; with none chosen and this false, publishing links the
   * plans the references name (each naming exactly one).
   */
  noSuperiorPlan: boolean;
  /** Task index → the superior plan's task it implements, with its weight in the roll-up. */
  taskParents: Record<string, { parentTaskId: string; weight: number }>;
}

/**
 * PUT /imports/:id: for each row of a list of the plan sent, the extracted row it came from (ImportDto.origins, kept
 * through the edits; null for a row added in the review), so the source spans follow their rows. A list left out is
 * lined up by content with the version edited.
 */
export type ImportRowOriginsDto = Partial<Record<"tasks" | "groups" | "reporting" | "targets", (number | null)[]>>;

export interface UpdateImportRequest {
  /** The version the editor started from. */
  version: number;
  plan?: PlanV1;
  review?: ImportReviewDto;
  /** Only with `plan`. */
  origins?: ImportRowOriginsDto;
}

export interface UnitMatchDto {
  /** The name as printed (the key of review.units). */
  name: string;
  roles: ("lead" | "support")[];
  /** Indexes of the tasks naming it. */
  taskIndexes: number[];
  candidates: UnitCandidateDto[];
  /** The chosen entry (by the coordinator, or automatic when confident), null when unresolved. */
  chosen: (UnitCandidateDto & { excludedUnitIds: string[]; auto: boolean }) | null;
}

export interface PlanRefDto {
  id: string;
  docType: string;
  number: string | null;
  title: string;
  issuerName: string | null;
  issuedAt: string | null;
  status: "draft" | "published" | "closed";
  isStub: boolean;
}

/** A reference of the document and the plans of the system it may name. */
export interface ReferenceMatchDto {
  index: number;
  docType: string | null;
  number: string | null;
  issuedAt: string | null;
  issuer: string | null;
  plans: PlanRefDto[];
  /** True when no plan matches: the review screen offers "tạo kế hoạch cấp trên" (POST /plans/stub). */
  canCreateStub: boolean;
}

export interface TaskLinkCandidateDto {
  taskId: string;
  planId: string;
  ref: string | null;
  title: string;
  /** Character-trigram Dice similarity of the folded titles, 0..1. */
  score: number;
}

export interface TaskLinkSuggestionDto {
  taskIndex: number;
  candidates: TaskLinkCandidateDto[];
}

export type ImportStatusName = "processing" | "ready" | "failed" | "published";

export interface SourceFileDto {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

/** GET /api/v1/imports */
export interface ImportSummaryDto {
  id: string;
  fileName: string;
  status: ImportStatusName;
  /** Why the file could not be read (Vietnamese), for failed imports. */
  error: string | null;
  version: number;
  ownerUnitId: string | null;
  createdBy: string;
  publishedPlanId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** POST/GET/PUT /api/v1/imports/:id — everything the review screen needs. */
export interface ImportDto extends ImportSummaryDto {
  sourceFile: SourceFileDto | null;
  plan: PlanV1 | null;
  /** Where each field of `plan` is in `cleanedText`, keyed by its path in `plan` as it is now ("tasks.1.title"). */
  spans: PlanSpans;
  /**
   * For each row of the plan's lists, the extracted row it came from (null: added in the review). A save that
   * removes, inserts or reorders rows sends them back (UpdateImportRequest.origins) so the spans follow their rows.
   */
  origins: Record<"tasks" | "groups" | "reporting" | "targets", (number | null)[]>;
  cleanedText: string | null;
  warnings: string[];
  review: ImportReviewDto;
  matches: UnitMatchDto[];
  issuer: { chosen: UnitRefDto | null; candidates: UnitCandidateDto[] };
  references: ReferenceMatchDto[];
  taskLinks: TaskLinkSuggestionDto[];
  problems: PlanProblemDto[];
  abilities: { edit: boolean; publish: boolean };
}

/** 409 of PUT /imports/:id: somebody saved first; nothing was overwritten. */
export interface ImportConflictError extends ApiError {
  error: ApiError["error"] & { current: ImportDto };
}

/** 409 of POST /imports/:id/publish: the issuer already published this number (resend with confirmDuplicate). */
export interface DuplicatePlanError extends ApiError {
  error: ApiError["error"] & { existing: PlanRefDto[] };
}

export type TaskStatusName =
  | "chua_thuc_hien"
  | "dang_thuc_hien"
  | "hoan_thanh_dung_han"
  | "hoan_thanh_qua_han"
  | "qua_han_chua_hoan_thanh"
  | "thuong_xuyen"
  | "tam_dung";

export interface PeriodSummaryDto {
  id: string;
  label: string;
  dueDate: string;
}

/** GET /api/v1/plans — the columns of the "Kế hoạch" list. */
export interface PlanListItemDto extends PlanRefDto {
  issuerUnitId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  publishedAt: string | null;
  taskCount: number;
  nextPeriod: PeriodSummaryDto | null;
  /** Share of completed tasks among tasks that can complete, 0..100; null when none can. */
  percentDone: number | null;
  overdueCount: number;
}

export interface AssignmentDto {
  id: string;
  unitId: string | null;
  unitName: string | null;
  role: "lead" | "support";
  printedName: string;
  unitGroupId: string | null;
}

export interface TimeframeDto {
  text: string | null;
  kind: "ongoing" | "recurring" | "by" | "period" | "conditional" | "unspecified";
  start: string | null;
  end: string | null;
  deadlines: string[];
}

export interface TaskDto {
  id: string;
  ref: string | null;
  groupId: string | null;
  title: string;
  detail: string | null;
  product: string | null;
  timeframe: TimeframeDto;
  dueDate: string | null;
  parentTaskId: string | null;
  parentWeight: number;
  pausedAt: string | null;
  status: TaskStatusName;
  statusLabel: string;
  dueSoon: boolean;
  percent: number | null;
  assignments: AssignmentDto[];
}

export interface RegimeDto {
  id: string;
  text: string;
  frequency: string;
  day: number | null;
  month: number | null;
  monthInPeriod: number | null;
  recipient: string | null;
}

export interface PeriodDto {
  id: string;
  regimeId: string | null;
  frequency: string;
  label: string;
  startDate: string;
  endDate: string;
  cutoffStart: string | null;
  cutoffEnd: string | null;
  dueDate: string;
  kind: string;
  locked: boolean;
}

export interface TargetDto {
  id: string;
  text: string;
  metric: string | null;
  comparator: string | null;
  value: number | null;
  unit: string | null;
  ownerUnitId: string | null;
  ownerText: string | null;
}

/** GET /api/v1/plans/:id */
export interface PlanDto extends PlanListItemDto {
  place: string | null;
  signer: string | null;
  revision: number;
  sourceFile: SourceFileDto | null;
  superiorPlans: PlanRefDto[];
  subordinatePlans: PlanRefDto[];
  groups: { id: string; ref: string; title: string }[];
  tasks: TaskDto[];
  regimes: RegimeDto[];
  periods: PeriodDto[];
  targets: TargetDto[];
  emulation: unknown | null;
  abilities: { manage: boolean; publish: boolean; close: boolean };
}

export interface PlanChangeDto {
  field: string;
  before: unknown;
  after: unknown;
}

/** GET /api/v1/plans/:id/revisions */
export interface PlanRevisionDto {
  id: string;
  revision: number;
  changes: PlanChangeDto[];
  actorId: string | null;
  createdAt: string;
}

/** GET /api/v1/units/:id/tasks and /api/v1/me/tasks: one row per (task, unit, role). */
export interface UnitTaskDto {
  taskId: string;
  planId: string;
  planNumber: string | null;
  planTitle: string;
  unitId: string;
  role: "lead" | "support";
  ref: string | null;
  title: string;
  dueDate: string | null;
  status: TaskStatusName;
  statusLabel: string;
  dueSoon: boolean;
  percent: number | null;
}

export interface RollupChildDto {
  taskId: string;
  planId: string;
  planNumber: string | null;
  ref: string | null;
  title: string;
  /** Editable weight (PUT /tasks/:id/parent). */
  weight: number;
  /** Normalised share of the parent's progress, 0..1. */
  share: number;
  percent: number | null;
}

/** GET /api/v1/plans/:id/rollup: progress of each task from the tasks of subordinate plans that implement it. */
export interface RollupTaskDto {
  taskId: string;
  ref: string | null;
  title: string;
  /** Own progress from its units' accepted reports. */
  ownPercent: number | null;
  /** Rolled-up progress (from children when it has any). */
  percent: number | null;
  children: RollupChildDto[];
}

// ── Reporting cycle: periods, unit reports, overview, notifications ─────────────────────────────────────────────

export type ReportStatusName = "draft" | "submitted" | "approved" | "accepted" | "returned";
export type ReportItemStatusName = "not_started" | "in_progress" | "done" | "paused";
/** Cell of the reporting-rate grid: đúng hạn / nộp muộn / chưa nộp / chưa đến hạn / trả lại / không yêu cầu. */
export type ReportCellStateName = "on_time" | "late" | "missing" | "open" | "returned" | "not_expected";

export interface ReportingRateDto {
  expected: number;
  actual: number;
  onTime: number;
  late: number;
  missing: number;
  /** 0..100 with one decimal; null when nothing is expected (or the period is still open). */
  rate: number | null;
  onTimeRate: number | null;
}

/** GET /api/v1/plans/:id/periods */
export interface PeriodWithRateDto extends PeriodDto {
  /** Đã qua hạn nộp. */
  past: boolean;
  /** The coordinator's reason for locking the period (latest lock), null when unlocked or none was given. */
  lockReason: string | null;
  rate: ReportingRateDto;
  abilities: { lock: boolean; unlock: boolean };
}

export interface ReportEvidenceDto {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}

export interface ReportItemDto {
  taskId: string;
  ref: string | null;
  title: string;
  groupRef: string | null;
  groupTitle: string | null;
  role: "lead" | "support";
  dueDate: string | null;
  /** Đã có dòng báo cáo (false: chưa nhập, giá trị mặc định). */
  saved: boolean;
  status: ReportItemStatusName;
  percent: number | null;
  result: string | null;
  difficulties: string | null;
  proposals: string | null;
  completedOn: string | null;
  updatedAt: string | null;
  evidence: ReportEvidenceDto[];
}

/** GET /api/v1/reports/:planId/:periodId/:unitId — the unit's report, existing or not yet started. */
export interface UnitReportDto {
  id: string | null;
  planId: string;
  planNumber: string | null;
  planTitle: string;
  unitId: string;
  unitName: string;
  period: {
    id: string;
    label: string;
    startDate: string;
    endDate: string;
    dueDate: string;
    locked: boolean;
    /** The coordinator's reason for locking the period, null when unlocked or none was given. */
    lockReason: string | null;
    /** Days from today (Vietnam time) to the due date (negative: overdue). */
    daysLeft: number;
  };
  status: ReportStatusName;
  statusLabel: string;
  /** Send it back with PUT (0 = the report does not exist yet). */
  version: number;
  summary: string | null;
  difficulties: string | null;
  proposals: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Why the report cannot be edited now (locked period, already submitted…), in Vietnamese; null when it can. */
  lockedReason: string | null;
  items: ReportItemDto[];
  abilities: { edit: boolean; submit: boolean; approve: boolean; review: boolean };
}

/** 409 of PUT /reports/…: somebody saved first; nothing was overwritten. `current` is their version. */
export interface ReportConflictError extends ApiError {
  error: ApiError["error"] & { current: UnitReportDto };
}

/** Accepting or returning many reports of one period at once (the coordinator's bulk review). */
export type BulkReviewActionName = "accept" | "return";

/** One unit's outcome in a bulk review: each report runs through the same command as the single action. */
export interface BulkReviewItemDto {
  unitId: string;
  /** Null when the unit does not exist. */
  unitName: string | null;
  ok: boolean;
  /** After the action when ok; the report's current status when refused; absent when the unit has no report. */
  status?: ReportStatusName;
  /** Why this report was not accepted/returned (Vietnamese, ready to show). */
  error?: { code: ErrorCode; message: string };
}

/** POST /api/v1/plans/:id/periods/:periodId/reports/accept|return: one item per distinct unit, in request order. */
export interface BulkReviewResultDto {
  action: BulkReviewActionName;
  okCount: number;
  failedCount: number;
  items: BulkReviewItemDto[];
}

export interface StatusCountDto {
  status: TaskStatusName;
  label: string;
  count: number;
}

export interface OverdueTaskDto {
  taskId: string;
  ref: string | null;
  title: string;
  groupRef: string | null;
  dueDate: string | null;
  daysOverdue: number;
  percent: number | null;
  leadUnits: { id: string; name: string }[];
}

export interface GridCellDto {
  unitId: string;
  periodId: string;
  state: ReportCellStateName;
  label: string;
  reportStatus: ReportStatusName | null;
  submittedOn: string | null;
}

export interface GroupProgressDto {
  groupId: string | null;
  ref: string | null;
  title: string | null;
  taskCount: number;
  completed: number;
  overdue: number;
  /** Average percent of the group's tasks (unreported = 0), one decimal. */
  percent: number;
}

export interface TrendPointDto {
  periodId: string;
  label: string;
  endDate: string;
  counts: StatusCountDto[];
  completionRate: number | null;
  reportingRate: number | null;
}

/** GET /api/v1/plans/:id/overview */
export interface PlanOverviewDto {
  planId: string;
  asOf: string;
  period: PeriodSummaryDto | null;
  totalTasks: number;
  counts: StatusCountDto[];
  completionRate: number | null;
  dueSoon: number;
  overdue: OverdueTaskDto[];
  grid: {
    units: { id: string; name: string; rate: ReportingRateDto }[];
    periods: (PeriodSummaryDto & { rate: ReportingRateDto })[];
    cells: GridCellDto[];
    total: ReportingRateDto;
  };
  groups: GroupProgressDto[];
  trend: TrendPointDto[];
}

/** Why a report is in the actor's list: their unit must report (or fix a returned one), approve it, or accept it. */
export type MyReportQueueName = "report" | "approve" | "accept";

/** GET /api/v1/me/reports: one unit's report for one period that waits for the actor. */
export interface MyReportDto {
  queue: MyReportQueueName;
  planId: string;
  planNumber: string | null;
  planTitle: string;
  period: { id: string; label: string; startDate: string; endDate: string; dueDate: string; locked: boolean };
  unitId: string;
  unitName: string;
  /** null: the unit has not started the report yet. */
  reportId: string | null;
  status: ReportStatusName;
  statusLabel: string;
  submittedAt: string | null;
  reviewComment: string | null;
  updatedAt: string | null;
  /** Days from today to the due date (negative: overdue). */
  daysLeft: number;
}

/**
 * GET /api/v1/me/reports/units: the report (or the missing report) of a unit within the actor's reach for a period,
 * read-only; for people who follow reports without filling them (viewers, leaders with nothing to do).
 */
export type UnitReportStatusDto = Omit<MyReportDto, "queue">;

export interface HistoryItemDto {
  periodId: string;
  periodLabel: string;
  periodEnd: string;
  unitId: string;
  unitName: string;
  reportStatus: ReportStatusName;
  status: ReportItemStatusName;
  percent: number | null;
  result: string | null;
  difficulties: string | null;
  proposals: string | null;
  completedOn: string | null;
}

/** GET /api/v1/tasks/:id/history */
export interface TaskHistoryDto {
  taskId: string;
  planId: string;
  ref: string | null;
  title: string;
  status: TaskStatusName;
  statusLabel: string;
  dueDate: string | null;
  percent: number | null;
  items: HistoryItemDto[];
}

/** GET /api/v1/plans/:id/units/:unitId/history */
export interface UnitHistoryDto {
  planId: string;
  unitId: string;
  unitName: string;
  rate: ReportingRateDto;
  periods: {
    periodId: string;
    label: string;
    dueDate: string;
    state: ReportCellStateName;
    stateLabel: string;
    reportId: string | null;
    reportStatus: ReportStatusName | null;
    submittedAt: string | null;
    reviewComment: string | null;
    items: { taskId: string; status: ReportItemStatusName; percent: number | null; result: string | null }[];
  }[];
}

export interface NotificationDto {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  unitId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** GET /api/v1/notifications */
export interface NotificationListDto {
  items: NotificationDto[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

// ── public progress ("Công khai"): no login, no personal data, accepted reports only ──────────────────────────────

/** GET/PUT /api/v1/plans/:id/public (signed in): whether the plan's progress is public, and may I change it. */
export interface PlanPublicStateDto {
  planId: string;
  public: boolean;
  publicSince: string | null;
  canChange: boolean;
}

/** GET /api/v1/public/plans: one public plan with its progress. */
export interface PublicPlanSummaryDto {
  id: string;
  docType: string;
  number: string | null;
  title: string;
  issuedAt: string | null;
  issuerName: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  status: "published" | "closed";
  publicSince: string;
  taskCount: number;
  /** Tasks per derived status, every status listed (count may be 0). */
  counts: StatusCountDto[];
  /** Share of completed tasks among tasks that can complete, 0..100; null when none can. */
  percentDone: number | null;
  overdueCount: number;
}

export interface PublicTaskDto {
  id: string;
  ref: string | null;
  groupId: string | null;
  title: string;
  product: string | null;
  /** Names of the lead units (Đơn vị chủ trì). */
  leadUnits: string[];
  /** Names of the partner units (Đơn vị phối hợp). */
  partnerUnits: string[];
  /** Thời gian thực hiện as written in the plan. */
  timeframe: string | null;
  dueDate: string | null;
  status: TaskStatusName;
  statusLabel: string;
  dueSoon: boolean;
  /** Percent done per the latest accepted report; null without one. */
  percent: number | null;
}

/** GET /api/v1/public/plans/:id (and tasks.json). */
export interface PublicPlanDto extends PublicPlanSummaryDto {
  /** The day the statuses were derived on. */
  asOf: string;
  groups: { id: string; ref: string; title: string }[];
  tasks: PublicTaskDto[];
}
