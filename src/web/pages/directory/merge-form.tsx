/**
 * Sáp nhập đơn vị: the unit shown (and others chosen) cease on the effective date; their open tasks, unsent reports,
 * child units and users' roles move to the successor, an existing unit or a new one. "Tiếp tục" asks the server for a
 * dry run, so the confirmation step says exactly what will move (and a refusal — a cycle, a unit already merged… —
 * shows before anything is confirmed, as the server words it).
 */
import { type FormEvent, useId, useState } from "react";
import type { UnitKindName } from "../../../server/api-types.js";
import type { UnitDetailDto, UnitMergeResultDto } from "../../../server/api-types-directory.js";
import { ApiRequestError, errorMessage } from "../../api/client.js";
import { type UnitListItem, unitKindLabel } from "../../api/units.js";
import { DateInput } from "../../components/date-input.js";
import { UnitPicker } from "../../components/unit-picker.js";
import { formatDate, formatNumber } from "../../format.js";
import { type MergeBody, mergeUnit, UNIT_KINDS } from "./directory-api.js";

interface MergeFormProps {
  unit: UnitDetailDto;
  onDone(result: UnitMergeResultDto): void;
  onCancel(): void;
}

interface Confirmation {
  body: MergeBody;
  successorName: string;
  names: string[];
  /** The server's dry run: what the merge will move. */
  preview: UnitMergeResultDto;
}

/** How many child unit names the confirmation lists before "và N đơn vị khác". */
const NAMES_SHOWN = 5;

export function MergeForm({ unit, onDone, onCancel }: MergeFormProps) {
  const [others, setOthers] = useState<UnitListItem[]>([]);
  const [mode, setMode] = useState<"existing" | "new">("existing");
  const [into, setInto] = useState<UnitListItem | null>(null);
  const [newName, setNewName] = useState("");
  const [newKind, setNewKind] = useState<UnitKindName>(unit.kind);
  const lastAncestor = unit.ancestors.at(-1);
  const [newParent, setNewParent] = useState<UnitListItem | null>(
    lastAncestor ? { id: lastAncestor.id, name: lastAncestor.name, kind: lastAncestor.kind } : null,
  );
  const [effectiveOn, setEffectiveOn] = useState("");
  const [confirm, setConfirm] = useState<Confirmation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const id = useId();

  async function onReview(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const problems: Record<string, string> = {};
    if (mode === "existing" && !into) problems.intoUnitId = "Chọn đơn vị tiếp nhận.";
    if (mode === "new" && !newName.trim()) problems["newUnit.name"] = "Nhập tên đơn vị mới.";
    if (!effectiveOn) problems.effectiveOn = "Nhập ngày hiệu lực theo dạng dd/mm/yyyy.";
    setFields(problems);
    if (Object.keys(problems).length > 0) {
      setError("Thông tin sáp nhập chưa đầy đủ.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: MergeBody = {
        otherUnitIds: others.map((o) => o.id),
        effectiveOn,
        ...(mode === "existing" && into
          ? { intoUnitId: into.id }
          : { newUnit: { name: newName.trim(), kind: newKind, parentId: newParent?.id ?? null } }),
      };
      // The server checks the merge and counts what will move, changing nothing.
      const preview = await mergeUnit(unit.id, { ...body, dryRun: true });
      setConfirm({
        body,
        successorName: mode === "existing" && into ? into.name : newName.trim(),
        names: preview.predecessors.map((p) => p.name),
        preview,
      });
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiRequestError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  async function onConfirm() {
    if (!confirm || busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await mergeUnit(unit.id, confirm.body));
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiRequestError) setFields(err.fields);
      setBusy(false);
    }
  }

  const errorAlert = error ? (
    <div className="alert alert-error" role="alert">
      {error}
    </div>
  ) : null;

  if (confirm) {
    const moved = confirm.preview.moved;
    const successor = `“${confirm.successorName}”`;
    const children = moved.childUnits.map((c) => `“${c.name}”`);
    const moreChildren = children.length - NAMES_SHOWN;
    return (
      <section className="card form directory-form" aria-labelledby={`${id}-confirm`}>
        <h2 id={`${id}-confirm`}>Xác nhận sáp nhập</h2>
        {errorAlert}
        <p>
          Sáp nhập {confirm.names.map((n) => `“${n}”`).join(", ")} vào <strong>{successor}</strong> từ ngày{" "}
          {formatDate(confirm.body.effectiveOn)}.
        </p>
        <p className="merge-summary">
          Sẽ chuyển <strong>{formatNumber(moved.counts.tasks)} nhiệm vụ đang mở</strong> và{" "}
          <strong>{formatNumber(moved.counts.reports)} báo cáo chưa gửi</strong> sang {successor}.
        </p>
        <ul className="merge-moves" aria-label="Cùng chuyển sang đơn vị tiếp nhận">
          <li className="merge-moves-children">
            <strong>{formatNumber(moved.counts.childUnits)} đơn vị trực thuộc</strong> chuyển sang trực thuộc{" "}
            {successor}
            {children.length > 0
              ? `: ${children.slice(0, NAMES_SHOWN).join(", ")}${moreChildren > 0 ? ` và ${formatNumber(moreChildren)} đơn vị khác` : ""}.`
              : "."}
          </li>
          <li className="merge-moves-memberships">
            <strong>{formatNumber(moved.counts.memberships)} vai trò của người dùng</strong> chuyển sang {successor}
            {moved.duplicateMembershipsDropped.length > 0
              ? ` (${formatNumber(moved.duplicateMembershipsDropped.length)} vai trò người dùng đã có tại ${successor} được gộp, không nhân đôi).`
              : "."}
          </li>
          {moved.groups.length > 0 ? (
            <li className="merge-moves-groups">
              {successor} thay cho các đơn vị bị sáp nhập trong {formatNumber(moved.groups.length)} nhóm đơn vị:{" "}
              {moved.groups.map((g) => `“${g.name}”`).join(", ")}.
            </li>
          ) : null}
          {moved.reportsKept.length > 0 ? (
            <li className="merge-moves-kept">
              <strong>{formatNumber(moved.reportsKept.length)} báo cáo chưa gửi</strong> ở lại đơn vị cũ vì {successor}{" "}
              đã có báo cáo cùng kỳ.
            </li>
          ) : null}
        </ul>
        <p className="muted">
          Các đơn vị bị sáp nhập hết hiệu lực từ ngày này; báo cáo đã gửi và nhiệm vụ đã hoàn thành vẫn giữ tên đơn vị
          cũ.
        </p>
        <div className="form-actions">
          <button type="button" className="button button-danger" disabled={busy} onClick={onConfirm}>
            {busy ? "Đang sáp nhập…" : "Xác nhận sáp nhập"}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setConfirm(null)}>
            Quay lại sửa
          </button>
        </div>
      </section>
    );
  }

  return (
    <form className="card form directory-form" onSubmit={onReview} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sáp nhập đơn vị</h2>
      {errorAlert}
      <p className="muted">
        “{unit.name}” và các đơn vị chọn thêm dưới đây sẽ hết hiệu lực; nhiệm vụ đang mở, báo cáo chưa gửi, đơn vị trực
        thuộc và vai trò của người dùng được chuyển cho đơn vị tiếp nhận.
      </p>

      <fieldset className="fieldset">
        <legend>Đơn vị cùng sáp nhập</legend>
        {others.length > 0 ? (
          <ul className="plain-list chosen-units">
            {others.map((o) => (
              <li key={o.id}>
                <span>
                  {o.name} <span className="muted">· {unitKindLabel(o.kind)}</span>
                </span>
                <button
                  type="button"
                  className="button-ghost"
                  onClick={() => setOthers((list) => list.filter((x) => x.id !== o.id))}
                >
                  Bỏ “{o.name}”
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Chưa chọn thêm đơn vị nào (chỉ sáp nhập “{unit.name}”).</p>
        )}
        <UnitPicker
          label="Thêm đơn vị cùng sáp nhập"
          value={null}
          onChange={(u) => {
            if (u && u.id !== unit.id && !others.some((o) => o.id === u.id)) setOthers((list) => [...list, u]);
          }}
          error={fields.otherUnitIds}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>Đơn vị tiếp nhận</legend>
        <div className="radio-row">
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === "existing"}
              onChange={() => setMode("existing")}
            />
            Đơn vị đã có trong danh mục
          </label>
          <label className="checkbox">
            <input type="radio" name={`${id}-mode`} checked={mode === "new"} onChange={() => setMode("new")} />
            Đơn vị mới
          </label>
        </div>
        {mode === "existing" ? (
          <UnitPicker label="Đơn vị tiếp nhận" value={into} onChange={setInto} error={fields.intoUnitId} />
        ) : (
          <div className="form-grid form">
            <div className="field field-wide">
              <label htmlFor={`${id}-new-name`}>Tên đơn vị mới</label>
              <input
                id={`${id}-new-name`}
                type="text"
                value={newName}
                aria-invalid={fields["newUnit.name"] ? true : undefined}
                onChange={(e) => setNewName(e.target.value)}
              />
              {fields["newUnit.name"] ? <p className="field-error">{fields["newUnit.name"]}</p> : null}
            </div>
            <div className="field">
              <label htmlFor={`${id}-new-kind`}>Loại đơn vị mới</label>
              <select
                id={`${id}-new-kind`}
                value={newKind}
                onChange={(e) => setNewKind(e.target.value as UnitKindName)}
              >
                {UNIT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {unitKindLabel(k)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <UnitPicker
                label="Đơn vị cấp trên của đơn vị mới"
                value={newParent}
                onChange={setNewParent}
                error={fields["newUnit.parentId"]}
              />
            </div>
          </div>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-date`}>Ngày hiệu lực sáp nhập</label>
        <DateInput id={`${id}-date`} value={effectiveOn} onChange={setEffectiveOn} />
        {fields.effectiveOn ? <p className="field-error">{fields.effectiveOn}</p> : null}
      </div>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Đang kiểm tra…" : "Tiếp tục"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}
