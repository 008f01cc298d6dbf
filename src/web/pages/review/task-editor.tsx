/**
 * The tasks of the plan under review, one collapsible row each (a plan has up to a few hundred): the closed row shows
 * the title, lead units and timeframe; the open row edits every field of the task.
 */
import type { PlanGroup, PlanTask, TimeframeKind } from "../../../core/plan-v1.js";
import type { UnitMatchDto } from "../../../server/api-types.js";
import { formatDate } from "../../format.js";
import { DateField, type EditCtx, SelectField, StringListField, TextField } from "./fields.js";
import { labelOf, TIMEFRAME_KIND_LABELS } from "./plan-edit.js";

export function taskName(t: PlanTask, i: number): string {
  const ref = t.ref?.trim();
  return ref ? `Nhiệm vụ ${ref}` : `Nhiệm vụ thứ ${i + 1}`;
}

function timeframeSummary(t: PlanTask): string {
  const tf = t.timeframe;
  if (tf.text?.trim()) return tf.text.trim();
  const kind = labelOf(TIMEFRAME_KIND_LABELS, tf.kind);
  if (tf.kind === "by" && tf.end) return `${kind} ${formatDate(tf.end)}`;
  if (tf.kind === "period" && (tf.start || tf.end)) return `${formatDate(tf.start)} – ${formatDate(tf.end)}`;
  return kind;
}

/** The unit a printed name is matched to, as a link to its entry in the unit list. */
function MatchLink({ ctx, name, matches }: { ctx: EditCtx; name: string; matches: ReadonlyMap<string, UnitMatchDto> }) {
  const key = name.trim();
  if (!key) return null;
  const m = matches.get(key);
  if (!m) {
    return <p className="field-hint match-link">Chưa đối chiếu với danh mục (sẽ đối chiếu khi lưu).</p>;
  }
  return (
    <p className="field-hint match-link">
      <button type="button" className="link-button" onClick={() => ctx.goTo(`units.${key}`)}>
        {m.chosen ? (
          <>
            <span aria-hidden="true">→ </span>
            {m.chosen.name}
            {m.chosen.auto ? " (tự động)" : ""}
          </>
        ) : (
          <span className="overdue-count">→ Chưa xác định đơn vị — chọn trong danh sách đơn vị</span>
        )}
      </button>
    </p>
  );
}

export interface TaskRowProps {
  ctx: EditCtx;
  task: PlanTask;
  index: number;
  open: boolean;
  groups: readonly PlanGroup[];
  matches: ReadonlyMap<string, UnitMatchDto>;
  /** How many problems the server lists for this task (shown on the closed row). */
  problemCount: number;
  linked: boolean;
  onToggle(): void;
  onChange(update: (t: PlanTask) => PlanTask): void;
  onRemove(): void;
}

export function TaskRow({
  ctx,
  task: t,
  index: i,
  open,
  groups,
  matches,
  problemCount,
  linked,
  onToggle,
  onChange,
  onRemove,
}: TaskRowProps) {
  const at = `tasks.${i}`;
  const name = taskName(t, i);
  const setTf = (patch: Partial<PlanTask["timeframe"]>) =>
    onChange((x) => ({ ...x, timeframe: { ...x.timeframe, ...patch } }));
  const groupKnown = t.group === null || groups.some((g) => g.ref === t.group);
  return (
    <li className="review-task" data-path={at} tabIndex={-1}>
      {/* A disclosure per task; the fields are rendered only while it is open (45 tasks stay light). */}
      <details open={open} onToggle={(e) => e.currentTarget.open !== open && onToggle()}>
        <summary className="task-toggle">
          <span className="task-toggle-text">
            <h3 className="review-task-head">
              {t.ref ? <span className="task-ref">{t.ref}.</span> : null} {t.title.trim() || "(chưa có nội dung)"}
            </h3>
            <span className="muted task-toggle-meta">
              Chủ trì: {t.lead.filter((x) => x.trim()).join("; ") || "—"} · {timeframeSummary(t)}
              {linked ? " · có nhiệm vụ cấp trên" : ""}
            </span>
          </span>
          {problemCount > 0 ? (
            <span className="chip chip-overdue task-problems">
              <span aria-hidden="true">! </span>
              {problemCount} vấn đề
            </span>
          ) : null}
        </summary>
        {open ? (
          <div className="review-task-body">
            <div className="task-grid">
              <TextField
                ctx={ctx}
                path={`${at}.title`}
                alsoProblem={at}
                label={`Nội dung ${name.toLowerCase()}`}
                className="field-wide"
                multiline
                rows={3}
                value={t.title}
                onChange={(v) => onChange((x) => ({ ...x, title: v }))}
              />
              <TextField
                ctx={ctx}
                path={`${at}.ref`}
                label="Số thứ tự"
                value={t.ref}
                onChange={(v) => onChange((x) => ({ ...x, ref: v.trim() ? v : null }))}
              />
              <SelectField
                ctx={ctx}
                path={`${at}.group`}
                label="Thuộc nhóm nhiệm vụ"
                value={t.group ?? ""}
                options={[
                  ["", "(không thuộc nhóm)"],
                  ...groups.map((g, j): [string, string] => [g.ref, `${g.ref || `Nhóm ${j + 1}`}. ${g.title}`]),
                  ...(groupKnown ? [] : [[t.group ?? "", `${t.group} (không có nhóm này)`] as [string, string]]),
                ]}
                onChange={(v) => onChange((x) => ({ ...x, group: v === "" ? null : v }))}
              />
              <div className="field-wide task-units">
                <StringListField
                  ctx={ctx}
                  path={`${at}.lead`}
                  label="Đơn vị chủ trì"
                  itemLabel={(j) => `Đơn vị chủ trì thứ ${j + 1} của ${name.toLowerCase()}`}
                  addLabel="Thêm đơn vị chủ trì"
                  items={t.lead}
                  onChange={(lead) => onChange((x) => ({ ...x, lead }))}
                  after={(item) => <MatchLink ctx={ctx} name={item} matches={matches} />}
                />
                <StringListField
                  ctx={ctx}
                  path={`${at}.support`}
                  label="Đơn vị phối hợp"
                  itemLabel={(j) => `Đơn vị phối hợp thứ ${j + 1} của ${name.toLowerCase()}`}
                  addLabel="Thêm đơn vị phối hợp"
                  items={t.support}
                  onChange={(support) => onChange((x) => ({ ...x, support }))}
                  after={(item) => <MatchLink ctx={ctx} name={item} matches={matches} />}
                />
              </div>
              <TextField
                ctx={ctx}
                path={`${at}.product`}
                label="Sản phẩm"
                className="field-wide"
                multiline
                value={t.product}
                onChange={(v) => onChange((x) => ({ ...x, product: v.trim() ? v : null }))}
              />
              <fieldset className="fieldset field-wide timeframe" data-path={`${at}.timeframe`} tabIndex={-1}>
                <legend>Thời gian thực hiện</legend>
                <div className="timeframe-grid">
                  <TextField
                    ctx={ctx}
                    path={`${at}.timeframe.text`}
                    label="Như ghi trong văn bản"
                    className="field-wide"
                    value={t.timeframe.text}
                    onChange={(v) => setTf({ text: v.trim() ? v : null })}
                  />
                  <SelectField<TimeframeKind>
                    ctx={ctx}
                    path={`${at}.timeframe.kind`}
                    label="Loại thời hạn"
                    value={t.timeframe.kind}
                    options={TIMEFRAME_KIND_LABELS}
                    onChange={(v) => setTf({ kind: v === "" ? "unspecified" : v })}
                  />
                  <DateField
                    ctx={ctx}
                    path={`${at}.timeframe.start`}
                    label="Từ ngày"
                    value={t.timeframe.start}
                    onChange={(v) => setTf({ start: v })}
                  />
                  <DateField
                    ctx={ctx}
                    path={`${at}.timeframe.end`}
                    label={t.timeframe.kind === "by" ? "Hoàn thành trước ngày" : "Đến ngày"}
                    value={t.timeframe.end}
                    onChange={(v) => setTf({ end: v })}
                  />
                </div>
                {ctx.problem(`${at}.timeframe`) ? (
                  <p className="field-error">{ctx.problem(`${at}.timeframe`)}</p>
                ) : null}
              </fieldset>
            </div>
            {ctx.editable ? (
              <div className="form-actions task-actions">
                <button type="button" className="button button-danger button-small" onClick={onRemove}>
                  Xóa {name.toLowerCase()}
                </button>
              </div>
            ) : null}
          </div>
        ) : null}
      </details>
    </li>
  );
}
