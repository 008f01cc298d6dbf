import { type ReactNode, useRef } from "react";
import { Link } from "react-router-dom";
import type {
  MyReportDto,
  MyReportQueueName,
  PlanListItemDto,
  PlanOverviewDto,
  RoleName,
  UnitTaskDto,
} from "../../server/api-types.js";
import { importPath, listImports } from "../api/imports.js";
import { getOverview, listPlans, myTasks, planNumberLabel } from "../api/plans.js";
import { myReports, reportPath } from "../api/reports.js";
import { usePageTitle } from "../components/page.js";
import { StatusChip } from "../components/status-chip.js";
import { formatDate, formatNumber } from "../format.js";
import { userRoles } from "../roles.js";
import { useCurrentSession } from "../session.js";
import { type LoadState, useLoad } from "../use-load.js";
import { Progress, planPath } from "./plans-page.js";
import { dueText, ReportStateChip, sortForAction } from "./reports-page.js";

const SHOWN = 5;

interface PanelProps {
  id: string;
  title: string;
  count?: number | null;
  link: { to: string; label: string };
  children: ReactNode;
}

function Panel({ id, title, count, link, children }: PanelProps) {
  return (
    <section className="card home-panel" aria-labelledby={`panel-${id}`}>
      <h2 id={`panel-${id}`}>
        {title}
        {count ? <span className="count-badge">{formatNumber(count)}</span> : null}
      </h2>
      <div className="home-panel-body">{children}</div>
      <Link className="card-link" to={link.to}>
        {link.label} <span aria-hidden="true">→</span>
      </Link>
    </section>
  );
}

/** Loading / error / empty handling shared by the live panels. */
function Live<T>({
  load,
  empty,
  children,
}: {
  load: LoadState<T[]> & { reload(): void };
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  if (load.status === "error" && !load.data) {
    return (
      <p className="muted">
        {load.message}{" "}
        <button type="button" className="link-button" onClick={load.reload}>
          Thử lại
        </button>
      </p>
    );
  }
  if (!load.data) return <p className="muted">Đang tải…</p>;
  if (load.data.length === 0) return <p className="muted">{empty}</p>;
  return <>{children(load.data)}</>;
}

const URGENT = new Set(["qua_han_chua_hoan_thanh"]);

function urgentTasks(tasks: UnitTaskDto[]): UnitTaskDto[] {
  return tasks
    .filter(
      (t) => URGENT.has(t.status) || (t.dueSoon && (t.status === "chua_thuc_hien" || t.status === "dang_thuc_hien")),
    )
    .sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
}

function UnitTasksPanel() {
  const load = useLoad(async (signal) => urgentTasks((await myTasks({ limit: 500, offset: 0 }, signal)).items), []);
  return (
    <Panel
      id="tasks"
      title="Nhiệm vụ quá hạn, sắp đến hạn"
      count={load.data?.length ?? null}
      link={{ to: "/nhiem-vu", label: "Xem mọi nhiệm vụ của đơn vị" }}
    >
      <Live load={load} empty="Không có nhiệm vụ nào quá hạn hoặc sắp đến hạn.">
        {(items) => (
          <ul className="home-list">
            {items.slice(0, SHOWN).map((t) => (
              <li key={`${t.taskId}:${t.unitId}:${t.role}`} className="home-item">
                <Link to={planPath(t.planId)} className="home-item-title">
                  {t.ref ? `${t.ref}. ` : ""}
                  {t.title}
                </Link>
                <span className="home-item-meta">
                  <StatusChip status={t.status} label={t.statusLabel} dueSoon={t.dueSoon} />
                  {t.dueDate ? <span>Hạn {formatDate(t.dueDate)}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Live>
      {load.data && load.data.length > SHOWN ? (
        <p className="muted">và {formatNumber(load.data.length - SHOWN)} nhiệm vụ khác.</p>
      ) : null}
    </Panel>
  );
}

function OverduePlansPanel() {
  const load = useLoad(async (signal) => {
    const page = await listPlans({ status: "published", limit: 200, offset: 0 }, signal);
    return page.items.filter((p) => p.overdueCount > 0).sort((a, b) => b.overdueCount - a.overdueCount);
  }, []);
  return (
    <Panel
      id="overdue"
      title="Kế hoạch có nhiệm vụ quá hạn"
      count={load.data?.length ?? null}
      link={{ to: "/ke-hoach", label: "Đến danh sách kế hoạch" }}
    >
      <Live load={load} empty="Không kế hoạch nào có nhiệm vụ quá hạn.">
        {(items) => (
          <ul className="home-list">
            {items.slice(0, SHOWN).map((p) => (
              <li key={p.id} className="home-item">
                <Link to={planPath(p.id)} className="home-item-title">
                  {planNumberLabel(p)}: {p.title}
                </Link>
                <span className="home-item-meta overdue-count">
                  <span aria-hidden="true">! </span>
                  {formatNumber(p.overdueCount)} nhiệm vụ quá hạn
                </span>
              </li>
            ))}
          </ul>
        )}
      </Live>
    </Panel>
  );
}

function ImportsPanel() {
  const load = useLoad(
    async (signal) => (await listImports({ status: "ready", limit: 20, offset: 0 }, signal)).items,
    [],
  );
  return (
    <Panel
      id="imports"
      title="Văn bản nhập chờ rà soát"
      count={load.data?.length ?? null}
      link={{ to: "/ke-hoach/nhap", label: "Nhập kế hoạch" }}
    >
      <Live load={load} empty="Không có văn bản nào chờ rà soát.">
        {(items) => (
          <ul className="home-list">
            {items.slice(0, SHOWN).map((i) => (
              <li key={i.id} className="home-item">
                <Link to={importPath(i.id)} className="home-item-title">
                  {i.fileName}
                </Link>
                <span className="home-item-meta muted">Nhập ngày {formatDate(i.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Live>
    </Panel>
  );
}

const REPORT_PANELS: Record<MyReportQueueName, { title: string; empty: string }> = {
  report: {
    title: "Báo cáo sắp đến hạn, bị trả lại",
    empty: "Đơn vị không có báo cáo nào sắp đến hạn, quá hạn hay bị trả lại.",
  },
  approve: { title: "Báo cáo chờ phê duyệt", empty: "Không có báo cáo nào chờ anh/chị phê duyệt." },
  accept: { title: "Báo cáo chờ tiếp nhận", empty: "Không có báo cáo nào của các đơn vị chờ tiếp nhận." },
};

/** One queue of GET /me/reports (loaded once for the whole page). */
function ReportsPanel({
  queue,
  load,
}: {
  queue: MyReportQueueName;
  load: LoadState<MyReportDto[]> & { reload(): void };
}) {
  const rows = load.data ? sortForAction(load.data.filter((r) => r.queue === queue)) : null;
  const view = { ...load, data: rows } as LoadState<MyReportDto[]> & { reload(): void };
  const text = REPORT_PANELS[queue];
  return (
    <Panel
      id={`reports-${queue}`}
      title={text.title}
      count={rows?.length ?? null}
      link={{ to: "/bao-cao", label: "Đến trang Báo cáo" }}
    >
      <Live load={view} empty={text.empty}>
        {(items) => (
          <ul className="home-list">
            {items.slice(0, SHOWN).map((r) => (
              <li key={`${r.planId}:${r.period.id}:${r.unitId}`} className="home-item">
                <Link
                  to={reportPath({ planId: r.planId, periodId: r.period.id, unitId: r.unitId })}
                  className="home-item-title"
                >
                  {r.period.label} — {r.unitName}
                </Link>
                <span className="home-item-sub muted">
                  {planNumberLabel({ number: r.planNumber })}: {r.planTitle}
                </span>
                <span className="home-item-meta">
                  <ReportStateChip row={r} />
                  {queue === "report" ? (
                    <span className={r.daysLeft < 0 ? "overdue-count" : undefined}>
                      Hạn {formatDate(r.period.dueDate)} · {dueText(r)}
                    </span>
                  ) : r.submittedAt ? (
                    <span>Nộp ngày {formatDate(r.submittedAt)}</span>
                  ) : null}
                </span>
                {r.reviewComment ? <span className="home-item-sub">Ý kiến: {r.reviewComment}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Live>
      {rows && rows.length > SHOWN ? (
        <p className="muted">và {formatNumber(rows.length - SHOWN)} báo cáo khác.</p>
      ) : null}
    </Panel>
  );
}

function StaticPanel({ id, title, text, link }: { id: string; title: string; text: string; link: PanelProps["link"] }) {
  return (
    <Panel id={id} title={title} link={link}>
      <p className="muted">{text}</p>
    </Panel>
  );
}

/** Worst first: most overdue tasks, then the lowest share done. */
function worstFirst(a: PlanListItemDto, b: PlanListItemDto): number {
  return b.overdueCount - a.overdueCount || (a.percentDone ?? 101) - (b.percentDone ?? 101);
}

/** How many plans get their reporting grid loaded (one request each). */
const WITH_GRID = 3;

interface LeaderPlan {
  plan: PlanListItemDto;
  overview: PlanOverviewDto | null;
}

/** "Chưa báo cáo: A, B và 2 đơn vị khác" for the overview's current period. */
function missingUnits(overview: PlanOverviewDto): { names: string[]; expected: number; actual: number } | null {
  const period = overview.period ?? overview.grid.periods.at(-1) ?? null;
  if (!period) return null;
  const gridPeriod = overview.grid.periods.find((p) => p.id === period.id);
  const names = overview.grid.cells
    .filter((c) => c.periodId === period.id && (c.state === "missing" || c.state === "returned"))
    .map((c) => overview.grid.units.find((u) => u.id === c.unitId)?.name)
    .filter((n): n is string => !!n);
  return {
    names,
    expected: gridPeriod?.rate.expected ?? 0,
    actual: gridPeriod?.rate.actual ?? 0,
  };
}

function ReportingLine({ overview }: { overview: PlanOverviewDto }) {
  const m = missingUnits(overview);
  const period = overview.period ?? overview.grid.periods.at(-1) ?? null;
  if (!m || !period || m.expected === 0) return null;
  const shown = m.names.slice(0, 3);
  const more = m.names.length - shown.length;
  return (
    <span className="home-item-sub leader-reporting">
      {period.label}: {formatNumber(m.actual)}/{formatNumber(m.expected)} đơn vị đã báo cáo
      {shown.length > 0 ? (
        <>
          {" · "}
          <span className="overdue-count leader-missing">
            Chưa báo cáo: {joinVi(more > 0 ? [...shown, `${formatNumber(more)} đơn vị khác`] : shown)}
          </span>
        </>
      ) : null}
    </span>
  );
}

/** Leadership (viewer only): progress at a glance, what is late, who does not report. */
function LeaderPlansPanel({ unitIds }: { unitIds: string[] }) {
  const load = useLoad(
    async (signal): Promise<LeaderPlan[]> => {
      const page = await listPlans({ status: "published", limit: 200, offset: 0 }, signal);
      const own = page.items.filter((p) => p.issuerUnitId && unitIds.includes(p.issuerUnitId));
      const plans = (own.length > 0 ? own : page.items).slice().sort(worstFirst);
      const overviews = await Promise.all(
        plans.slice(0, WITH_GRID).map((p) => getOverview(p.id, null, signal).catch(() => null)),
      );
      return plans.map((plan, i) => ({ plan, overview: overviews[i] ?? null }));
    },
    [unitIds.join(",")],
  );
  const overdue = load.data?.filter((l) => l.plan.overdueCount > 0).length ?? null;
  return (
    <Panel
      id="leader"
      title="Tiến độ các kế hoạch"
      count={overdue}
      link={{ to: "/ke-hoach", label: "Xem mọi kế hoạch" }}
    >
      <Live load={load} empty="Chưa có kế hoạch nào đã ban hành.">
        {(items) => (
          <ul className="home-list leader-plans">
            {items.slice(0, SHOWN).map(({ plan, overview }) => (
              <li key={plan.id} className="home-item leader-plan">
                <Link to={`${planPath(plan.id)}?muc=tong-quan`} className="home-item-title">
                  {planNumberLabel(plan)}: {plan.title}
                </Link>
                <span className="home-item-meta">
                  <span className="leader-progress">
                    <span className="muted">Hoàn thành</span>
                    <Progress value={plan.percentDone} label={`Tỷ lệ hoàn thành kế hoạch ${planNumberLabel(plan)}`} />
                  </span>
                  {plan.overdueCount > 0 ? (
                    <span className="overdue-count">
                      <span aria-hidden="true">! </span>
                      Quá hạn: {formatNumber(plan.overdueCount)} nhiệm vụ
                    </span>
                  ) : (
                    <span className="muted">Quá hạn: 0</span>
                  )}
                  {plan.nextPeriod ? (
                    <span className="muted">
                      {plan.nextPeriod.label}, hạn nộp {formatDate(plan.nextPeriod.dueDate)}
                    </span>
                  ) : null}
                </span>
                {overview ? <ReportingLine overview={overview} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Live>
      {load.data && load.data.length > SHOWN ? (
        <p className="muted">và {formatNumber(load.data.length - SHOWN)} kế hoạch khác.</p>
      ) : null}
    </Panel>
  );
}

/** "A", "A và B", "A, B và C". */
function joinVi(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} và ${items.at(-1)}`;
}

/** "Phạm Văn Hùng (Chủ tịch UBND Phường 1)" → "Phạm Văn Hùng": the title is not part of the greeting. */
function personalName(displayName: string): string {
  return displayName.replace(/\s*\([^)]*\)\s*$/, "").trim() || displayName;
}

function greetingWord(now: Date): string {
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: "Asia/Ho_Chi_Minh" }).format(now),
  );
  if (hour < 11) return "Chào buổi sáng";
  if (hour < 14) return "Chào buổi trưa";
  if (hour < 18) return "Chào buổi chiều";
  return "Chào buổi tối";
}

export function HomePage() {
  const { user } = useCurrentSession();
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle("Trang chủ", heading);
  const roles = userRoles(user);
  const has = (r: RoleName) => roles.has(r);
  const now = new Date();
  const units = [...new Set(user.memberships.map((m) => m.unitName))];
  const inUnits = user.memberships.length > 0;
  const reports = useLoad((signal) => (inUnits ? myReports({}, signal) : Promise.resolve([])), [user.id]);

  const panels: ReactNode[] = [];
  if (has("coordinator") || has("admin")) {
    panels.push(<OverduePlansPanel key="overdue" />);
    panels.push(<ImportsPanel key="imports" />);
  }
  if (has("coordinator") && inUnits) panels.push(<ReportsPanel key="accept" queue="accept" load={reports} />);
  if (has("leader") && inUnits) panels.push(<ReportsPanel key="approve" queue="approve" load={reports} />);
  if ((has("reporter") || has("leader")) && inUnits) {
    panels.push(<ReportsPanel key="report" queue="report" load={reports} />);
  }
  if ((has("reporter") || has("leader") || has("coordinator")) && inUnits) panels.push(<UnitTasksPanel key="tasks" />);
  if (has("admin")) {
    panels.push(
      <StaticPanel
        key="admin"
        id="admin"
        title="Quản trị hệ thống"
        text="Tạo tài khoản, gán người dùng vào đơn vị và vai trò, xem nhật ký hệ thống."
        link={{ to: "/quan-tri", label: "Đến trang quản trị" }}
      />,
    );
  }
  if (panels.length === 0 && has("viewer")) {
    panels.push(<LeaderPlansPanel key="leader" unitIds={user.memberships.map((m) => m.unitId)} />);
  }

  return (
    <div className="page home">
      <section className="home-hero" aria-labelledby="home-title">
        <p className="home-date">Hôm nay, {formatDate(now)}</p>
        <h1 id="home-title" ref={heading} tabIndex={-1}>
          {greetingWord(now)}, {personalName(user.displayName)}
        </h1>
        {units.length > 0 ? (
          <p className="page-lead">Đơn vị: {joinVi(units)}</p>
        ) : (
          <p className="page-lead">Tài khoản chưa được gán vào đơn vị nào.</p>
        )}
      </section>
      {panels.length === 0 ? (
        <section className="card">
          <h2>Chưa có vai trò</h2>
          <p>
            Tài khoản của anh/chị chưa được giao vai trò ở đơn vị nào. Vui lòng liên hệ quản trị viên của cơ quan để
            được gán vào đơn vị.
          </p>
        </section>
      ) : (
        <div className={panels.length === 1 ? "home-grid home-grid-single" : "home-grid"}>{panels}</div>
      )}
    </div>
  );
}
