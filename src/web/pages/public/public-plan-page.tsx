import { useMemo } from "react";
import { Link, useParams } from "react-router-dom";
import type { PublicPlanDto, PublicTaskDto } from "../../../server/api-types.js";
import { planNumberLabel } from "../../api/plans.js";
import { EmptyState } from "../../components/empty-state.js";
import { Page } from "../../components/page.js";
import { StatusChip } from "../../components/status-chip.js";
import { TaskTable } from "../../components/task-table.js";
import { formatDate, formatNumber } from "../../format.js";
import { useLoad } from "../../use-load.js";
import { Progress } from "../plans-page.js";
import { getPublicPlan, publicDownloadUrl } from "./public-api.js";
import { PUBLIC_STATUS_ORDER, periodText } from "./public-plans-page.js";

function timeframeText(task: PublicTaskDto): string {
  if (task.timeframe) return task.timeframe;
  if (task.dueDate) return `Trước ${formatDate(task.dueDate)}`;
  return "—";
}

function UnitNames({ names }: { names: string[] }) {
  if (names.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain-list">
      {names.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

function PublicTaskTable({ tasks, caption }: { tasks: PublicTaskDto[]; caption: string }) {
  return (
    <TaskTable
      tasks={tasks}
      caption={caption}
      leadUnits={(t) => <UnitNames names={t.leadUnits} />}
      partnerUnits={(t) => <UnitNames names={t.partnerUnits} />}
      timeframe={timeframeText}
    />
  );
}

interface GroupView {
  key: string;
  heading: string | null;
  tasks: PublicTaskDto[];
}

/** Tasks in the document's groups (tasks outside any group first), as on the plan page. */
function groupTasks(plan: PublicPlanDto): GroupView[] {
  const known = new Set(plan.groups.map((g) => g.id));
  const views: GroupView[] = [];
  const loose = plan.tasks.filter((t) => !t.groupId || !known.has(t.groupId));
  if (loose.length) views.push({ key: "chung", heading: plan.groups.length ? "Nhiệm vụ chung" : null, tasks: loose });
  for (const g of plan.groups) {
    const tasks = plan.tasks.filter((t) => t.groupId === g.id);
    if (tasks.length) views.push({ key: g.id, heading: g.ref ? `${g.ref}. ${g.title}` : g.title, tasks });
  }
  return views;
}

function PublicPlanView({ plan }: { plan: PublicPlanDto }) {
  const number = planNumberLabel(plan);
  const groups = useMemo(() => groupTasks(plan), [plan]);
  const counts = PUBLIC_STATUS_ORDER.map((s) => plan.counts.find((c) => c.status === s)).filter(
    (c): c is PublicPlanDto["counts"][number] => !!c,
  );
  return (
    <Page
      title={`${plan.docType || "Kế hoạch"} số ${number}`}
      lead={plan.title}
      before={
        <nav className="breadcrumb" aria-label="Vị trí">
          <ol>
            <li>
              <Link to="/cong-khai">Tiến độ công khai</Link>
            </li>
            <li>
              <span aria-current="page">{number}</span>
            </li>
          </ol>
        </nav>
      }
      actions={
        <div className="public-downloads">
          <a className="button" href={publicDownloadUrl(plan.id, "csv")} download>
            Tải CSV
          </a>
          <a className="button" href={publicDownloadUrl(plan.id, "json")} download>
            Tải JSON
          </a>
        </div>
      }
    >
      {plan.status === "closed" ? (
        <p className="notice">Kế hoạch đã kết thúc; số liệu dưới đây là số liệu cuối cùng.</p>
      ) : null}
      <div className="unit-grid">
        <section className="card" aria-labelledby="public-plan-info">
          <h2 id="public-plan-info">Thông tin văn bản</h2>
          <dl className="facts">
            <dt>Số, ký hiệu</dt>
            <dd>{number}</dd>
            <dt>Ngày ban hành</dt>
            <dd>{formatDate(plan.issuedAt)}</dd>
            <dt>Đơn vị ban hành</dt>
            <dd>{plan.issuerName ?? "—"}</dd>
            <dt>Thời gian thực hiện</dt>
            <dd>{periodText(plan)}</dd>
            <dt>Công khai từ</dt>
            <dd>{formatDate(plan.publicSince)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="public-plan-progress">
          <h2 id="public-plan-progress">Tiến độ</h2>
          <dl className="facts">
            <dt>Số nhiệm vụ</dt>
            <dd>{formatNumber(plan.taskCount)}</dd>
            <dt>Hoàn thành</dt>
            <dd>
              <Progress value={plan.percentDone} label="Tỷ lệ nhiệm vụ hoàn thành" />
            </dd>
            <dt>Số liệu tính đến</dt>
            <dd>{formatDate(plan.asOf)}</dd>
          </dl>
          <ul className="public-counts" aria-label="Số nhiệm vụ theo tình trạng">
            {counts.map((c) => (
              <li key={c.status}>
                <StatusChip status={c.status} label={c.label} />
                <strong>{formatNumber(c.count)}</strong>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section aria-labelledby="public-plan-tasks">
        <div className="section-head">
          <h2 id="public-plan-tasks">Nhiệm vụ ({formatNumber(plan.tasks.length)})</h2>
        </div>
        {plan.tasks.length === 0 ? (
          <EmptyState title="Kế hoạch không có nhiệm vụ">
            <p>Văn bản kế hoạch không liệt kê nhiệm vụ cụ thể.</p>
          </EmptyState>
        ) : null}
        {groups.map((g) =>
          g.heading ? (
            <section key={g.key} className="task-group" aria-labelledby={`public-group-${g.key}`}>
              <h3 id={`public-group-${g.key}`}>{g.heading}</h3>
              <PublicTaskTable tasks={g.tasks} caption={g.heading} />
            </section>
          ) : (
            <PublicTaskTable key={g.key} tasks={g.tasks} caption="Nhiệm vụ" />
          ),
        )}
      </section>
    </Page>
  );
}

/** /cong-khai/:id: one public plan's progress. */
export function PublicPlanPage() {
  const { id = "" } = useParams();
  const load = useLoad((signal) => getPublicPlan(id, signal), [id]);
  if (load.status === "error" && !load.data) {
    return (
      <Page title="Tiến độ công khai">
        <EmptyState
          icon="search"
          title="Không mở được kế hoạch"
          action={
            <span className="form-actions">
              <button type="button" className="button" onClick={load.reload}>
                Thử lại
              </button>
              <Link className="button" to="/cong-khai">
                Về danh sách kế hoạch công khai
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
  return <PublicPlanView plan={load.data} />;
}
