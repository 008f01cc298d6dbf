/**
 * The rest of the plan under review: task groups, the reporting regime, targets and the emulation block, each an
 * editable list of rows (add, remove, edit every field).
 */
import type { ReactNode } from "react";
import type { Comparator, Emulation, PlanV1, ReportingFrequency } from "../../../core/plan-v1.js";
import { DateField, type EditCtx, NumberField, SelectField, StringListField, TextField } from "./fields.js";
import {
  COMPARATOR_LABELS,
  emptyEmulation,
  emptyPhase,
  FREQUENCY_LABELS,
  removeAt,
  renameGroupRef,
  updateAt,
} from "./plan-edit.js";

type EditPlan = (update: (p: PlanV1) => PlanV1) => void;

/** Removing a row of a top-level list (so the screen can keep the source highlighting of the later rows). */
export type RemoveRow = (list: "groups" | "reporting" | "targets", index: number) => void;
export type AddRow = (list: "groups" | "reporting" | "targets") => void;

const nullIfBlank = (v: string) => (v.trim() ? v : null);

function Row({
  title,
  children,
  onRemove,
  ctx,
}: {
  title: string;
  children: ReactNode;
  onRemove(): void;
  ctx: EditCtx;
}) {
  return (
    <div className="edit-row">
      <div className="edit-row-head">
        <h3>{title}</h3>
        {ctx.editable ? (
          <button type="button" className="button button-ghost button-small" onClick={onRemove}>
            Xóa<span className="visually-hidden"> {title.toLowerCase()}</span>
          </button>
        ) : null}
      </div>
      <div className="task-grid">{children}</div>
    </div>
  );
}

function AddButton({ ctx, label, onClick }: { ctx: EditCtx; label: string; onClick(): void }) {
  return ctx.editable ? (
    <button type="button" className="button button-small" onClick={onClick}>
      + {label}
    </button>
  ) : null;
}

export function GroupsEditor({
  ctx,
  plan,
  editPlan,
  onRemove,
  onAdd,
}: {
  ctx: EditCtx;
  plan: PlanV1;
  editPlan: EditPlan;
  onRemove: RemoveRow;
  onAdd: AddRow;
}) {
  return (
    <>
      {plan.groups.length === 0 ? <p className="muted">Văn bản không chia nhiệm vụ thành nhóm.</p> : null}
      <ol className="plain-list edit-rows">
        {plan.groups.map((g, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a group is "groups.<index>" in the plan
          <li key={i} data-path={`groups.${i}`} tabIndex={-1}>
            <Row ctx={ctx} title={`Nhóm ${g.ref || i + 1}`} onRemove={() => onRemove("groups", i)}>
              <TextField
                ctx={ctx}
                path={`groups.${i}.ref`}
                label="Số thứ tự nhóm"
                hint="Các nhiệm vụ của nhóm đi theo khi đổi số."
                value={g.ref}
                onChange={(v) => editPlan((p) => renameGroupRef(p, i, v))}
              />
              <TextField
                ctx={ctx}
                path={`groups.${i}.title`}
                label="Tên nhóm"
                className="field-wide"
                multiline
                value={g.title}
                onChange={(v) =>
                  editPlan((p) => ({ ...p, groups: updateAt(p.groups, i, (x) => ({ ...x, title: v })) }))
                }
              />
            </Row>
          </li>
        ))}
      </ol>
      <AddButton ctx={ctx} label="Thêm nhóm nhiệm vụ" onClick={() => onAdd("groups")} />
    </>
  );
}

export function ReportingEditor({
  ctx,
  plan,
  editPlan,
  onRemove,
  onAdd,
}: {
  ctx: EditCtx;
  plan: PlanV1;
  editPlan: EditPlan;
  onRemove: RemoveRow;
  onAdd: AddRow;
}) {
  const set = (i: number, patch: Partial<PlanV1["reporting"][number]>) =>
    editPlan((p) => ({ ...p, reporting: updateAt(p.reporting, i, (r) => ({ ...r, ...patch })) }));
  return (
    <>
      {plan.reporting.length === 0 ? (
        <p className="muted">Chưa có quy định báo cáo: sẽ không có kỳ báo cáo định kỳ nào được tạo.</p>
      ) : null}
      <ol className="plain-list edit-rows">
        {plan.reporting.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a rule is "reporting.<index>" in the plan
          <li key={i} data-path={`reporting.${i}`} tabIndex={-1}>
            <Row ctx={ctx} title={`Quy định báo cáo ${i + 1}`} onRemove={() => onRemove("reporting", i)}>
              <TextField
                ctx={ctx}
                path={`reporting.${i}.text`}
                label="Nội dung quy định"
                className="field-wide"
                multiline
                value={r.text}
                onChange={(v) => set(i, { text: v })}
              />
              <SelectField<ReportingFrequency>
                ctx={ctx}
                path={`reporting.${i}.frequency`}
                label="Kỳ báo cáo"
                value={r.frequency}
                options={FREQUENCY_LABELS}
                onChange={(v) => set(i, { frequency: v === "" ? "adhoc" : v })}
              />
              {r.frequency !== "adhoc" || r.day !== null ? (
                <NumberField
                  ctx={ctx}
                  integer
                  path={`reporting.${i}.day`}
                  label="Hạn nộp: ngày"
                  hint="Ngày trong tháng, 1–31."
                  value={r.day}
                  onChange={(v) => set(i, { day: v })}
                />
              ) : null}
              {r.frequency === "semiannual" || r.frequency === "annual" || r.month !== null ? (
                <NumberField
                  ctx={ctx}
                  integer
                  path={`reporting.${i}.month`}
                  label="Hạn nộp: tháng"
                  hint="Tháng nộp báo cáo, 1–12."
                  value={r.month}
                  onChange={(v) => set(i, { month: v })}
                />
              ) : null}
              {r.frequency === "quarterly" || r.month_in_period !== null ? (
                <NumberField
                  ctx={ctx}
                  integer
                  path={`reporting.${i}.month_in_period`}
                  label="Tháng trong kỳ"
                  hint="Báo cáo quý: tháng thứ mấy của quý (1–3)."
                  value={r.month_in_period}
                  onChange={(v) => set(i, { month_in_period: v })}
                />
              ) : null}
              <TextField
                ctx={ctx}
                path={`reporting.${i}.recipient`}
                label="Nơi nhận báo cáo"
                className="field-wide"
                value={r.recipient}
                onChange={(v) => set(i, { recipient: nullIfBlank(v) })}
              />
            </Row>
          </li>
        ))}
      </ol>
      <AddButton ctx={ctx} label="Thêm quy định báo cáo" onClick={() => onAdd("reporting")} />
    </>
  );
}

export function TargetsEditor({
  ctx,
  plan,
  editPlan,
  onRemove,
  onAdd,
}: {
  ctx: EditCtx;
  plan: PlanV1;
  editPlan: EditPlan;
  onRemove: RemoveRow;
  onAdd: AddRow;
}) {
  const set = (i: number, patch: Partial<PlanV1["targets"][number]>) =>
    editPlan((p) => ({ ...p, targets: updateAt(p.targets, i, (t) => ({ ...t, ...patch })) }));
  return (
    <>
      {plan.targets.length === 0 ? <p className="muted">Văn bản không nêu chỉ tiêu định lượng.</p> : null}
      <ol className="plain-list edit-rows">
        {plan.targets.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a target is "targets.<index>" in the plan
          <li key={i} data-path={`targets.${i}`} tabIndex={-1}>
            <Row ctx={ctx} title={`Chỉ tiêu ${i + 1}`} onRemove={() => onRemove("targets", i)}>
              <TextField
                ctx={ctx}
                path={`targets.${i}.text`}
                label="Nội dung chỉ tiêu"
                className="field-wide"
                multiline
                value={t.text}
                onChange={(v) => set(i, { text: v })}
              />
              <TextField
                ctx={ctx}
                path={`targets.${i}.metric`}
                label="Chỉ số đo"
                value={t.metric}
                onChange={(v) => set(i, { metric: nullIfBlank(v) })}
              />
              <SelectField<Comparator>
                ctx={ctx}
                path={`targets.${i}.comparator`}
                label="So sánh"
                value={t.comparator ?? ""}
                options={[["", "(không so sánh)"], ...COMPARATOR_LABELS]}
                onChange={(v) => set(i, { comparator: v === "" ? null : v })}
              />
              <NumberField
                ctx={ctx}
                path={`targets.${i}.value`}
                label="Giá trị"
                value={t.value}
                onChange={(v) => set(i, { value: v })}
              />
              <TextField
                ctx={ctx}
                path={`targets.${i}.unit`}
                label="Đơn vị tính"
                value={t.unit}
                onChange={(v) => set(i, { unit: nullIfBlank(v) })}
              />
              <TextField
                ctx={ctx}
                path={`targets.${i}.owner`}
                label="Đơn vị chịu trách nhiệm"
                className="field-wide"
                value={t.owner}
                onChange={(v) => set(i, { owner: nullIfBlank(v) })}
              />
            </Row>
          </li>
        ))}
      </ol>
      <AddButton ctx={ctx} label="Thêm chỉ tiêu" onClick={() => onAdd("targets")} />
    </>
  );
}

export function EmulationEditor({ ctx, plan, editPlan }: { ctx: EditCtx; plan: PlanV1; editPlan: EditPlan }) {
  const em = plan.emulation;
  const setEm = (update: (e: Emulation) => Emulation) =>
    editPlan((p) => ({ ...p, emulation: update(p.emulation ?? emptyEmulation()) }));
  if (!em) {
    return (
      <>
        <p className="muted">Kế hoạch không có phong trào thi đua.</p>
        <AddButton ctx={ctx} label="Thêm phong trào thi đua" onClick={() => setEm((e) => e)} />
      </>
    );
  }
  return (
    <div className="review-emulation">
      <div className="task-grid">
        <TextField
          ctx={ctx}
          path="emulation.name"
          label="Tên phong trào"
          className="field-wide"
          multiline
          value={em.name}
          onChange={(v) => setEm((e) => ({ ...e, name: nullIfBlank(v) }))}
        />
        <TextField
          ctx={ctx}
          path="emulation.standing_body"
          label="Cơ quan thường trực"
          className="field-wide"
          value={em.standing_body}
          onChange={(v) => setEm((e) => ({ ...e, standing_body: nullIfBlank(v) }))}
        />
      </div>
      <h3 className="subhead">Các giai đoạn ({em.phases.length})</h3>
      <ol className="plain-list edit-rows">
        {em.phases.map((ph, i) => {
          const set = (patch: Partial<typeof ph>) =>
            setEm((e) => ({ ...e, phases: updateAt(e.phases, i, (x) => ({ ...x, ...patch })) }));
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a phase is "emulation.phases.<index>" in the plan
            <li key={i} data-path={`emulation.phases.${i}`} tabIndex={-1}>
              <Row
                ctx={ctx}
                title={`Giai đoạn ${i + 1}`}
                onRemove={() => setEm((e) => ({ ...e, phases: removeAt(e.phases, i) }))}
              >
                <TextField
                  ctx={ctx}
                  path={`emulation.phases.${i}.name`}
                  label="Tên giai đoạn"
                  className="field-wide"
                  value={ph.name}
                  onChange={(v) => set({ name: v })}
                />
                <DateField
                  ctx={ctx}
                  path={`emulation.phases.${i}.start`}
                  label="Từ ngày"
                  value={ph.start}
                  onChange={(v) => set({ start: v })}
                />
                <DateField
                  ctx={ctx}
                  path={`emulation.phases.${i}.end`}
                  label="Đến ngày"
                  value={ph.end}
                  onChange={(v) => set({ end: v })}
                />
                <TextField
                  ctx={ctx}
                  path={`emulation.phases.${i}.milestone`}
                  label="Mốc, hoạt động chính"
                  className="field-wide"
                  value={ph.milestone}
                  onChange={(v) => set({ milestone: nullIfBlank(v) })}
                />
              </Row>
            </li>
          );
        })}
      </ol>
      <AddButton
        ctx={ctx}
        label="Thêm giai đoạn"
        onClick={() => setEm((e) => ({ ...e, phases: [...e.phases, emptyPhase()] }))}
      />
      <div className="task-grid emulation-lists">
        <StringListField
          ctx={ctx}
          path="emulation.contents"
          label="Nội dung thi đua"
          itemLabel={(i) => `Nội dung thi đua thứ ${i + 1}`}
          addLabel="Thêm nội dung"
          multiline
          items={em.contents}
          onChange={(contents) => setEm((e) => ({ ...e, contents }))}
        />
        <StringListField
          ctx={ctx}
          path="emulation.awards"
          label="Hình thức khen thưởng"
          itemLabel={(i) => `Hình thức khen thưởng thứ ${i + 1}`}
          addLabel="Thêm hình thức khen thưởng"
          multiline
          items={em.awards}
          onChange={(awards) => setEm((e) => ({ ...e, awards }))}
        />
      </div>
      {em.subjects.length + em.criteria.length > 0 ? (
        <p className="field-hint">
          Đối tượng ({em.subjects.length}) và tiêu chí thi đua ({em.criteria.length}) được giữ nguyên như trích xuất.
        </p>
      ) : null}
      {ctx.editable ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => editPlan((p) => ({ ...p, emulation: null }))}
          >
            Bỏ phong trào thi đua khỏi kế hoạch
          </button>
        </div>
      ) : null}
    </div>
  );
}
