import { useId, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import type { PlanDto, TaskDto, TaskStatusName } from "../../server/api-types.js";
import { getPlan, overviewExportUrl, planNumberLabel, planSourceUrl } from "../api/plans.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { StatusChip, TASK_STATUS_LABELS } from "../components/status-chip.js";
import { TaskTable } from "../components/task-table.js";
import { formatDate, formatNumber } from "../format.js";
import { useSession } from "../session.js";
import { useLoad } from "../use-load.js";
import { OverviewTab, PeriodsTab } from "./plan-reporting.js";
import { Progress, planPath } from "./plans-page.js";
import { PublicToggle } from "./public/public-toggle.js";
import { unitPath } from "./units-page.js";

const STATUS_ORDER: TaskStatusName[] = [
  "qua_han_chua_hoan_thanh",
  "dang_thuc_hien",
  "chua_thuc_hien",
  "thuong_xuyen",
  "hoan_thanh_dung_han",
  "hoan_thanh_qua_han",
  "tam_dung",
];

function timeframeText(task: TaskDto): string {
  if (task.timeframe?.text) return task.timeframe.text;
  if (task.dueDate) return `Trước ${formatDate(task.dueDate)}`;
  return "—";
}

function Units({ task, kind }: { task: TaskDto; kind: "lead" | "support" }) {
  const list = task.assignments.filter((a) => a.role === kind);
  if (list.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain-list">
      {list.map((a) => (
        <li key={a.id}>
          {a.unitId ? <Link to={unitPath(a.unitId)}>{a.unitName ?? a.printedName}</Link> : a.printedName}
        </li>
      ))}
    </ul>
  );
}

function PlanTaskTable({ tasks, caption }: { tasks: TaskDto[]; caption: string }) {
  return (
    <TaskTable
      tasks={tasks}
      caption={caption}
      leadUnits={(t) => <Units task={t} kind="lead" />}
      partnerUnits={(t) => <Units task={t} kind="support" />}
      timeframe={timeframeText}
    />
  );
}

/** Above this many tasks shown, only the first group starts open (a phone would otherwise scroll for metres). */
const OPEN_ALL_UP_TO = 15;

interface TaskGroupView {
  key: string;
  ref: string | null;
  title: string;
  tasks: TaskDto[];
}

function statusCounts(tasks: TaskDto[]): { status: TaskStatusName; count: number }[] {
  const m = new Map<TaskStatusName, number>();
  for (const t of tasks) m.set(t.status, (m.get(t.status) ?? 0) + 1);
  return STATUS_ORDER.filter((s) => m.get(s)).map((s) => ({ status: s, count: m.get(s)! }));
}

/** The signed-in user's units assigned in this plan, and whether "only my units" starts on. */
function useMyUnits(plan: PlanDto): { unitIds: Set<string>; defaultOn: boolean } {
  const { state } = useSession();
  const memberships = state.status === "authenticated" ? state.session.user.memberships : [];
  return useMemo(() => {
    const assigned = new Set(plan.tasks.flatMap((t) => t.assignments.map((a) => a.unitId)));
    const unitIds = new Set(memberships.map((m) => m.unitId).filter((id) => assigned.has(id)));
    const onlyUnitWork =
      memberships.length > 0 && memberships.every((m) => m.role === "reporter" || m.role === "leader");
    return { unitIds, defaultOn: onlyUnitWork && unitIds.size > 0 };
  }, [plan.tasks, memberships]);
}

function TaskGroupSection({
  group,
  open,
  onToggle,
}: {
  group: TaskGroupView;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const counts = statusCounts(group.tasks);
  return (
    <details
      className="task-group task-group-fold"
      open={open}
      onToggle={(e) => {
        const next = (e.currentTarget as HTMLDetailsElement).open;
        if (next !== open) onToggle(next);
      }}
    >
      <summary>
        <span className="task-group-title" id={`group-${group.key}`}>
          {group.ref ? `${group.ref}. ` : ""}
          {group.title}
        </span>
        <span className="task-group-total">{formatNumber(group.tasks.length)} nhiệm vụ</span>
        {open ? null : (
          <ul className="status-counts task-group-counts" aria-label="Số nhiệm vụ theo tình trạng">
            {counts.map((c) => (
              <li key={c.status} className="status-count">
                <StatusChip status={c.status} />
                <strong>{formatNumber(c.count)}</strong>
              </li>
            ))}
          </ul>
        )}
      </summary>
      {open ? <PlanTaskTable tasks={group.tasks} caption={group.title} /> : null}
    </details>
  );
}

function TasksTab({ plan }: { plan: PlanDto }) {
  const [params, setParams] = useSearchParams();
  const filterId = useId();
  const mineId = useId();
  const mineUnits = useMyUnits(plan);
  const raw = params.get("tinh-trang");
  const status = raw && raw in TASK_STATUS_LABELS ? (raw as TaskStatusName) : null;
  const mineParam = params.get("cua-toi");
  const mine = mineUnits.unitIds.size > 0 && (mineParam === null ? mineUnits.defaultOn : mineParam === "1");
  const tasks = plan.tasks.filter(
    (t) =>
      (!status || t.status === status) &&
      (!mine || t.assignments.some((a) => a.unitId !== null && mineUnits.unitIds.has(a.unitId))),
  );
  const groupViews = useMemo(() => {
    const groups = plan.groups ?? [];
    const known = new Set(groups.map((g) => g.id));
    const views: TaskGroupView[] = [];
    const loose = tasks.filter((t) => !t.groupId || !known.has(t.groupId));
    if (loose.length > 0) {
      views.push({ key: "chung", ref: null, title: groups.length ? "Nhiệm vụ chung" : "Nhiệm vụ", tasks: loose });
    }
    for (const g of groups) {
      const list = tasks.filter((t) => t.groupId === g.id);
      if (list.length > 0) views.push({ key: g.id, ref: g.ref || null, title: g.title, tasks: list });
    }
    return views;
  }, [plan.groups, tasks]);
  // Which groups the user opened or closed; the rest follow the default (all open when the list is short).
  const [toggled, setToggled] = useState<Map<string, boolean>>(new Map());
  const allOpenByDefault = tasks.length <= OPEN_ALL_UP_TO;
  const isOpen = (key: string, index: number) => toggled.get(key) ?? (allOpenByDefault || index === 0);
  const everyOpen = groupViews.every((g, i) => isOpen(g.key, i));

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  return (
    <section aria-labelledby="plan-tasks">
      <div className="section-head">
        <h2 id="plan-tasks">Nhiệm vụ ({formatNumber(tasks.length)})</h2>
        <div className="task-filters">
          {mineUnits.unitIds.size > 0 ? (
            <label className="checkbox task-mine" htmlFor={mineId}>
              <input
                id={mineId}
                type="checkbox"
                checked={mine}
                onChange={(e) =>
                  setParam("cua-toi", e.target.checked === mineUnits.defaultOn ? null : e.target.checked ? "1" : "0")
                }
              />
              Chỉ nhiệm vụ của đơn vị tôi
            </label>
          ) : null}
          <div className="field inline-field">
            <label htmlFor={filterId}>Tình trạng</label>
            <select id={filterId} value={status ?? ""} onChange={(e) => setParam("tinh-trang", e.target.value || null)}>
              <option value="">Tất cả</option>
              {STATUS_ORDER.map((s) => (
                <option key={s} value={s}>
                  {TASK_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          {groupViews.length > 1 ? (
            <button
              type="button"
              className="link-button"
              onClick={() => setToggled(new Map(groupViews.map((g) => [g.key, !everyOpen])))}
            >
              {everyOpen ? "Thu gọn tất cả nhóm" : "Mở tất cả nhóm"}
            </button>
          ) : null}
        </div>
      </div>
      {tasks.length === 0 ? (
        <EmptyState icon="search" title="Không có nhiệm vụ nào phù hợp">
          <p>
            {mine
              ? "Bỏ chọn “Chỉ nhiệm vụ của đơn vị tôi” hoặc chọn tình trạng “Tất cả” để xem mọi nhiệm vụ của kế hoạch."
              : "Chọn “Tất cả” để xem mọi nhiệm vụ của kế hoạch."}
          </p>
        </EmptyState>
      ) : null}
      {groupViews.length === 1 && !(plan.groups ?? []).length ? (
        <PlanTaskTable tasks={groupViews[0]!.tasks} caption="Nhiệm vụ" />
      ) : (
        groupViews.map((g, i) => (
          <TaskGroupSection
            key={g.key}
            group={g}
            open={isOpen(g.key, i)}
            onToggle={(open) => setToggled((prev) => new Map(prev).set(g.key, open))}
          />
        ))
      )}
    </section>
  );
}

function PlanView({ plan }: { plan: PlanDto }) {
  const [params] = useSearchParams();
  const muc = params.get("muc");
  const tab = muc === "ky-bao-cao" ? "periods" : muc === "tong-quan" ? "overview" : "tasks";
  const counts = useMemo(() => {
    const m = new Map<TaskStatusName, number>();
    for (const t of plan.tasks) m.set(t.status, (m.get(t.status) ?? 0) + 1);
    return STATUS_ORDER.filter((s) => m.get(s)).map((s) => ({ status: s, count: m.get(s)! }));
  }, [plan.tasks]);
  const number = planNumberLabel(plan);

  return (
    <Page
      title={`${plan.docType || "Kế hoạch"} số ${number}`}
      lead={plan.title}
      actions={plan.status !== "draft" ? <PublicToggle planId={plan.id} /> : null}
      before={
        <nav className="breadcrumb" aria-label="Vị trí">
          <ol>
            <li>
              <Link to="/ke-hoach">Kế hoạch</Link>
            </li>
            <li>
              <span aria-current="page">{number}</span>
            </li>
          </ol>
        </nav>
      }
    >
      {plan.status === "closed" ? (
        <p className="notice">Kế hoạch đã kết thúc; số liệu dưới đây là số liệu cuối cùng.</p>
      ) : null}
      <div className="unit-grid">
        <section className="card" aria-labelledby="plan-info">
          <h2 id="plan-info">Thông tin văn bản</h2>
          <dl className="facts">
            <dt>Số, ký hiệu</dt>
            <dd>{number}</dd>
            <dt>Ngày ban hành</dt>
            <dd>{formatDate(plan.issuedAt)}</dd>
            <dt>Đơn vị ban hành</dt>
            <dd>
              {plan.issuerUnitId ? (
                <Link to={unitPath(plan.issuerUnitId)}>{plan.issuerName}</Link>
              ) : (
                (plan.issuerName ?? "—")
              )}
            </dd>
            {plan.periodStart || plan.periodEnd ? (
              <>
                <dt>Thời gian thực hiện</dt>
                <dd>
                  {formatDate(plan.periodStart)} – {formatDate(plan.periodEnd)}
                </dd>
              </>
            ) : null}
            {plan.signer ? (
              <>
                <dt>Người ký</dt>
                <dd>{plan.signer}</dd>
              </>
            ) : null}
            {(plan.superiorPlans ?? []).length > 0 ? (
              <>
                <dt>Thực hiện</dt>
                <dd>
                  <ul className="plain-list">
                    {plan.superiorPlans.map((s) => (
                      <li key={s.id}>
                        <Link to={planPath(s.id)}>
                          {s.docType} số {planNumberLabel(s)}
                        </Link>
                        {s.issuerName ? ` của ${s.issuerName}` : ""}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
            {plan.sourceFile ? (
              <>
                <dt>Văn bản gốc</dt>
                <dd>
                  <a href={planSourceUrl(plan.id)} download={plan.sourceFile.fileName}>
                    Tải về {plan.sourceFile.fileName}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="plan-progress">
          <h2 id="plan-progress">Tiến độ</h2>
          <dl className="facts">
            <dt>Số nhiệm vụ</dt>
            <dd>{formatNumber(plan.taskCount ?? plan.tasks.length)}</dd>
            <dt>Hoàn thành</dt>
            <dd>
              <Progress value={plan.percentDone} label="Tỷ lệ nhiệm vụ hoàn thành" />
            </dd>
            <dt>Quá hạn</dt>
            <dd className={plan.overdueCount > 0 ? "overdue-count" : undefined}>
              {formatNumber(plan.overdueCount)} nhiệm vụ
            </dd>
            {plan.nextPeriod ? (
              <>
                <dt>Kỳ báo cáo tới</dt>
                <dd>
                  {plan.nextPeriod.label}, hạn nộp {formatDate(plan.nextPeriod.dueDate)}
                </dd>
              </>
            ) : null}
          </dl>
          {counts.length > 0 ? (
            <ul className="status-counts" aria-label="Số nhiệm vụ theo tình trạng">
              {counts.map((c) => (
                <li key={c.status} className="status-count">
                  <StatusChip status={c.status} />
                  <strong>{formatNumber(c.count)}</strong>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>

      <nav className="tabs" aria-label="Nội dung kế hoạch">
        <ul>
          <li>
            <Link to="?" aria-current={tab === "tasks" ? "page" : undefined}>
              Nhiệm vụ
            </Link>
          </li>
          <li>
            <Link to="?muc=ky-bao-cao" aria-current={tab === "periods" ? "page" : undefined}>
              Kỳ báo cáo
            </Link>
          </li>
          <li>
            <Link to="?muc=tong-quan" aria-current={tab === "overview" ? "page" : undefined}>
              Tổng quan
            </Link>
          </li>
        </ul>
      </nav>
      {tab === "tasks" ? <TasksTab plan={plan} /> : null}
      {tab === "periods" ? <PeriodsTab plan={plan} /> : null}
      {tab === "overview" ? (
        <>
          <div className="page-actions">
            <a
              className="button"
              href={overviewExportUrl(plan.id)}
              download
              title="Tải danh sách nhiệm vụ quá hạn và bảng tỷ lệ báo cáo (đơn vị × kỳ) dưới dạng tệp Excel"
            >
              Xuất Excel
            </a>
          </div>
          <OverviewTab plan={plan} />
        </>
      ) : null}
    </Page>
  );
}

export function PlanPage() {
  const { id = "" } = useParams();
  const load = useLoad((signal) => getPlan(id, signal), [id]);
  if (load.status === "error" && !load.data) {
    return (
      <Page title="Kế hoạch">
        <EmptyState
          icon="search"
          title="Không mở được kế hoạch"
          action={
            <span className="form-actions">
              <button type="button" className="button" onClick={load.reload}>
                Thử lại
              </button>
              <Link className="button" to="/ke-hoach">
                Về danh sách kế hoạch
              </Link>
            </span>
          }
        >
          <p>{load.message}</p>
        </EmptyState>
      </Page>
    );
  }
  if (!load.data) {
    return (
      <div className="splash-inline" role="status">
        <span className="spinner" aria-hidden="true" /> Đang tải…
      </div>
    );
  }
  return <PlanView plan={load.data} />;
}
