import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router-dom";
import type { UnitDetailDto, UnitSuccessionDto } from "../../server/api-types-directory.js";
import { unitTasks } from "../api/plans.js";
import { unitKindLabel } from "../api/units.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { StatusChip } from "../components/status-chip.js";
import { formatDate, formatNumber } from "../format.js";
import { useLoad } from "../use-load.js";
import { getUnitDetail, mergeDoneNotice, splitDoneNotice } from "./directory/directory-api.js";
import { MergeForm } from "./directory/merge-form.js";
import { SplitForm } from "./directory/split-form.js";
import { UnitForm } from "./directory/unit-form.js";
import { planPath } from "./plans-page.js";
import { unitPath } from "./units-page.js";

function validity(unit: UnitDetailDto): string | null {
  if (unit.validFrom && unit.validTo) return `Từ ${formatDate(unit.validFrom)} đến ${formatDate(unit.validTo)}`;
  if (unit.validTo) return `Đến ${formatDate(unit.validTo)}`;
  if (unit.validFrom) return `Từ ${formatDate(unit.validFrom)}`;
  return null;
}

function isEnded(unit: UnitDetailDto, today: string): boolean {
  return !!unit.validTo && unit.validTo.slice(0, 10) <= today;
}

const SUCCESSION_LABELS: Record<UnitSuccessionDto["kind"], string> = {
  merge: "Sáp nhập",
  split: "Chia tách",
  rename: "Đổi tên",
};

/** The unit's tasks across published plans, most urgent first. */
function UnitWork({ unitId }: { unitId: string }) {
  const load = useLoad((signal) => unitTasks(unitId, { limit: 500, offset: 0 }, signal), [unitId]);
  const items = load.data?.items ?? [];
  const open = items.filter((t) => !t.status.startsWith("hoan_thanh"));
  const overdue = items.filter((t) => t.status === "qua_han_chua_hoan_thanh");
  const urgent = [...overdue, ...open.filter((t) => t.status !== "qua_han_chua_hoan_thanh")].slice(0, 10);
  return (
    <section className="card" aria-labelledby="unit-work">
      <h2 id="unit-work">Nhiệm vụ</h2>
      {load.status === "error" && !load.data ? <p className="muted">{load.message}</p> : null}
      {!load.data && load.status !== "error" ? <p className="muted">Đang tải…</p> : null}
      {load.data && items.length === 0 ? (
        <p className="muted">Đơn vị chưa được giao nhiệm vụ nào trong các kế hoạch đã ban hành.</p>
      ) : null}
      {items.length > 0 ? (
        <>
          <dl className="facts">
            <dt>Chủ trì</dt>
            <dd>{formatNumber(items.filter((t) => t.role === "lead").length)} nhiệm vụ</dd>
            <dt>Phối hợp</dt>
            <dd>{formatNumber(items.filter((t) => t.role === "support").length)} nhiệm vụ</dd>
            <dt>Đang mở</dt>
            <dd>{formatNumber(open.length)} nhiệm vụ</dd>
            <dt>Quá hạn</dt>
            <dd className={overdue.length > 0 ? "overdue-count" : undefined}>
              {formatNumber(overdue.length)} nhiệm vụ
            </dd>
          </dl>
          {urgent.length > 0 ? (
            <>
              <h3 className="subhead">Nhiệm vụ đang mở</h3>
              <ul className="home-list" aria-label="Nhiệm vụ đang mở của đơn vị">
                {urgent.map((t) => (
                  <li key={`${t.taskId}:${t.role}`} className="home-item">
                    <Link to={planPath(t.planId)} className="home-item-title">
                      {t.ref ? `${t.ref}. ` : ""}
                      {t.title}
                    </Link>
                    <span className="home-item-meta">
                      <StatusChip status={t.status} label={t.statusLabel} dueSoon={t.dueSoon} />
                      <span>{t.role === "lead" ? "Chủ trì" : "Phối hợp"}</span>
                      {t.dueDate ? <span>Hạn {formatDate(t.dueDate)}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
              {open.length > urgent.length ? (
                <p className="muted">và {formatNumber(open.length - urgent.length)} nhiệm vụ đang mở khác.</p>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Successions({ title, list }: { title: string; list: UnitSuccessionDto[] }) {
  if (list.length === 0) return null;
  return (
    <>
      <dt>{title}</dt>
      <dd>
        <ul className="plain-list">
          {list.map((s) => (
            <li key={`${s.kind}:${s.unit.id}`}>
              <Link to={unitPath(s.unit.id)}>{s.unit.name}</Link>{" "}
              <span className="muted">
                ({SUCCESSION_LABELS[s.kind]} từ {formatDate(s.effectiveOn)})
              </span>
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

type Action = "sua" | "sap-nhap" | "chia-tach" | "them";

function UnitDetails({ unit, reload }: { unit: UnitDetailDto; reload(): void }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const action = params.get("thao-tac") as Action | null;
  const notice = (location.state as { notice?: string } | null)?.notice;
  const today = new Date().toISOString().slice(0, 10);
  const period = validity(unit);
  const ancestors = unit.ancestors ?? [];
  const children = unit.children ?? [];
  const aliases = (unit.aliases ?? []).filter((a) => a !== unit.name);
  const abilities = unit.abilities;
  const groups = [...unit.groups, ...unit.ownedGroups.filter((g) => !unit.groups.some((x) => x.id === g.id))];

  const setAction = (next: Action | null) => setParams(next ? { "thao-tac": next } : {});
  const done = (id: string, message: string) => {
    navigate(unitPath(id), { state: { notice: message } });
    if (id === unit.id) reload();
  };

  let form = null;
  if (action === "sua" && abilities.manage) {
    form = (
      <UnitForm
        key={`edit:${unit.id}`}
        unit={unit}
        onDone={(u) => done(u.id, `Đã lưu thông tin “${u.name}”.`)}
        onCancel={() => setAction(null)}
      />
    );
  } else if (action === "them" && abilities.createChild) {
    form = (
      <UnitForm
        key={`child:${unit.id}`}
        parent={{ id: unit.id, name: unit.name, kind: unit.kind }}
        onDone={(u) => done(u.id, `Đã thêm đơn vị “${u.name}”.`)}
        onCancel={() => setAction(null)}
      />
    );
  } else if (action === "sap-nhap" && abilities.merge) {
    form = (
      <MergeForm
        key={`merge:${unit.id}`}
        unit={unit}
        onDone={(r) => done(r.successor.id, mergeDoneNotice(r))}
        onCancel={() => setAction(null)}
      />
    );
  } else if (action === "chia-tach" && abilities.split) {
    form = (
      <SplitForm
        key={`split:${unit.id}`}
        unit={unit}
        onDone={(r) => done(r.unit.id, splitDoneNotice(r))}
        onCancel={() => setAction(null)}
      />
    );
  }

  const actions =
    abilities.manage || abilities.createChild ? (
      <>
        {abilities.manage ? (
          <button type="button" className="button" onClick={() => setAction("sua")}>
            Sửa
          </button>
        ) : null}
        {abilities.createChild ? (
          <button type="button" className="button" onClick={() => setAction("them")}>
            Thêm đơn vị trực thuộc
          </button>
        ) : null}
        {abilities.merge ? (
          <button type="button" className="button" onClick={() => setAction("sap-nhap")}>
            Sáp nhập
          </button>
        ) : null}
        {abilities.split ? (
          <button type="button" className="button" onClick={() => setAction("chia-tach")}>
            Chia tách
          </button>
        ) : null}
      </>
    ) : undefined;

  return (
    <Page
      title={unit.name}
      lead={unitKindLabel(unit.kind)}
      actions={actions}
      before={
        <nav className="breadcrumb" aria-label="Vị trí trong danh mục đơn vị">
          <ol>
            <li>
              <Link to="/don-vi">Đơn vị</Link>
            </li>
            {ancestors.map((a) => (
              <li key={a.id}>
                <Link to={unitPath(a.id)}>{a.name}</Link>
              </li>
            ))}
            <li>
              <span aria-current="page">{unit.name}</span>
            </li>
          </ol>
        </nav>
      }
    >
      {notice && !action ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      {isEnded(unit, today) ? (
        <p className="notice">
          Đơn vị này không còn hoạt động từ {formatDate(unit.validTo)}
          {unit.successors.length > 0 ? `; đơn vị kế thừa: ${unit.successors.map((s) => s.unit.name).join(", ")}` : ""}.
          Kế hoạch ban hành trước thời điểm đó vẫn có thể nhắc đến tên cũ.
        </p>
      ) : null}

      {form}

      <div className="unit-grid">
        <section className="card" aria-labelledby="unit-info">
          <h2 id="unit-info">Thông tin</h2>
          <dl className="facts">
            <dt>Loại đơn vị</dt>
            <dd>{unitKindLabel(unit.kind)}</dd>
            {unit.shortName ? (
              <>
                <dt>Tên viết tắt</dt>
                <dd>{unit.shortName}</dd>
              </>
            ) : null}
            <dt>Đơn vị cấp trên</dt>
            <dd>
              {ancestors.length > 0 ? (
                <Link to={unitPath(ancestors[ancestors.length - 1]!.id)}>{ancestors[ancestors.length - 1]!.name}</Link>
              ) : (
                "Không có (cấp cao nhất)"
              )}
            </dd>
            {aliases.length > 0 ? (
              <>
                <dt>Tên gọi khác</dt>
                <dd>{aliases.join("; ")}</dd>
              </>
            ) : null}
            {period ? (
              <>
                <dt>Thời gian hoạt động</dt>
                <dd>{period}</dd>
              </>
            ) : null}
            <Successions title="Đơn vị tiền thân" list={unit.predecessors} />
            <Successions title="Đơn vị kế thừa" list={unit.successors} />
            {groups.length > 0 ? (
              <>
                <dt>Nhóm đơn vị</dt>
                <dd>
                  <ul className="plain-list">
                    {groups.map((g) => (
                      <li key={g.id}>{g.name}</li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
            <dt>Báo cáo</dt>
            <dd>
              {formatNumber(unit.counts.unsentReports)} chưa gửi · {formatNumber(unit.counts.pendingReports)} chờ tiếp
              nhận
            </dd>
          </dl>
        </section>

        <UnitWork unitId={unit.id} />
      </div>

      <section className="unit-children" aria-labelledby="unit-children">
        <h2 id="unit-children">Đơn vị trực thuộc ({children.length})</h2>
        {children.length === 0 ? (
          <p className="muted">Không có đơn vị trực thuộc trong danh mục.</p>
        ) : (
          <div className="table-wrap">
            <table className="table responsive-table">
              <caption className="visually-hidden">Đơn vị trực thuộc {unit.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Tên đơn vị</th>
                  <th scope="col">Loại</th>
                </tr>
              </thead>
              <tbody>
                {children.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" data-label="Tên đơn vị">
                      <Link to={unitPath(c.id)}>{c.name}</Link>
                    </th>
                    <td data-label="Loại">{unitKindLabel(c.kind)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}

export function UnitPage() {
  const { id = "" } = useParams();
  const load = useLoad((signal) => getUnitDetail(id, signal), [id]);

  if (load.status === "error" && !load.data) {
    return (
      <Page title="Đơn vị">
        <EmptyState
          icon="search"
          title="Không mở được đơn vị"
          action={
            <span className="form-actions">
              <button type="button" className="button" onClick={load.reload}>
                Thử lại
              </button>
              <Link className="button" to="/don-vi">
                Về danh sách đơn vị
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
  // While the next unit loads, the previous one stays on screen (moving through the tree does not flash).
  return <UnitDetails key={load.data.id} unit={load.data} reload={load.reload} />;
}
