/**
 * Thêm / sửa đơn vị: tên, tên viết tắt, loại, đơn vị cấp trên (chọn trong danh mục), tên gọi khác, thời gian hiệu lực
 * (dd/mm/yyyy). Field errors from the server are shown beside their field.
 */
import { type FormEvent, useId, useState } from "react";
import type { UnitKindName } from "../../../server/api-types.js";
import type { UnitDetailDto } from "../../../server/api-types-directory.js";
import { ApiRequestError, errorMessage } from "../../api/client.js";
import { type UnitListItem, unitKindLabel } from "../../api/units.js";
import { DateInput } from "../../components/date-input.js";
import { UnitPicker } from "../../components/unit-picker.js";
import { createUnit, UNIT_KINDS, type UnitFields, updateUnit } from "./directory-api.js";

interface UnitFormProps {
  /** The unit being edited; absent to add one. */
  unit?: UnitDetailDto;
  /** Parent proposed for a new unit ("Thêm đơn vị trực thuộc"). */
  parent?: UnitListItem | null;
  onDone(unit: UnitDetailDto): void;
  onCancel(): void;
}

export function UnitForm({ unit, parent = null, onDone, onCancel }: UnitFormProps) {
  const lastAncestor = unit?.ancestors.at(-1);
  const [name, setName] = useState(unit?.name ?? "");
  const [shortName, setShortName] = useState(unit?.shortName ?? "");
  const [kind, setKind] = useState<UnitKindName>(unit?.kind ?? "office");
  const [parentUnit, setParentUnit] = useState<UnitListItem | null>(
    lastAncestor ? { id: lastAncestor.id, name: lastAncestor.name, kind: lastAncestor.kind } : parent,
  );
  const [aliases, setAliases] = useState((unit?.aliases ?? []).filter((a) => a !== unit?.name).join("\n"));
  const [validFrom, setValidFrom] = useState(unit?.validFrom?.slice(0, 10) ?? "");
  const [validTo, setValidTo] = useState(unit?.validTo?.slice(0, 10) ?? "");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const id = useId();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setFields({ name: "Bắt buộc nhập tên đơn vị." });
      setError("Chưa nhập tên đơn vị.");
      return;
    }
    const body: UnitFields = {
      name: name.trim(),
      shortName: shortName.trim() || null,
      kind,
      parentId: parentUnit?.id ?? null,
      aliases: aliases
        .split("\n")
        .map((a) => a.trim())
        .filter(Boolean),
      validFrom: validFrom || null,
      validTo: validTo || null,
    };
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const saved = unit
        ? await updateUnit(unit.id, body)
        : await createUnit(code.trim() ? { ...body, id: code.trim() } : body);
      onDone(saved);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiRequestError) setFields(err.fields);
      setBusy(false);
    }
  }

  const fieldError = (key: string) =>
    fields[key] ? (
      <p className="field-error" id={`${id}-${key}-err`}>
        {fields[key]}
      </p>
    ) : null;
  const described = (key: string) => (fields[key] ? `${id}-${key}-err` : undefined);

  return (
    <form
      className="card form directory-form"
      onSubmit={onSubmit}
      noValidate
      aria-busy={busy}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>{unit ? "Sửa thông tin đơn vị" : "Thêm đơn vị"}</h2>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="form-grid form">
        <div className="field field-wide">
          <label htmlFor={`${id}-name`}>Tên đơn vị</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            required
            aria-invalid={fields.name ? true : undefined}
            aria-describedby={described("name")}
            onChange={(e) => setName(e.target.value)}
          />
          {fieldError("name")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-short`}>Tên viết tắt</label>
          <input
            id={`${id}-short`}
            type="text"
            value={shortName}
            aria-describedby={described("shortName")}
            onChange={(e) => setShortName(e.target.value)}
          />
          {fieldError("shortName")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Loại đơn vị</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as UnitKindName)}>
            {UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {unitKindLabel(k)}
              </option>
            ))}
          </select>
          {fieldError("kind")}
        </div>
        {unit ? null : (
          <div className="field">
            <label htmlFor={`${id}-code`}>Mã đơn vị (không bắt buộc)</label>
            <input
              id={`${id}-code`}
              type="text"
              value={code}
              autoComplete="off"
              aria-describedby={`${id}-code-hint ${described("id") ?? ""}`}
              onChange={(e) => setCode(e.target.value)}
            />
            <p className="field-hint" id={`${id}-code-hint`}>
              Để trống để hệ thống tự tạo mã.
            </p>
            {fieldError("id")}
          </div>
        )}
        <div className="field-wide">
          <UnitPicker label="Đơn vị cấp trên" value={parentUnit} onChange={setParentUnit} error={fields.parentId} />
          {parentUnit ? null : <p className="field-hint">Để trống nếu là đơn vị cấp cao nhất.</p>}
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-aliases`}>Tên gọi khác</label>
          <textarea
            id={`${id}-aliases`}
            rows={3}
            value={aliases}
            aria-describedby={`${id}-aliases-hint`}
            onChange={(e) => setAliases(e.target.value)}
          />
          <p className="field-hint" id={`${id}-aliases-hint`}>
            Mỗi dòng một tên, như cách văn bản thường ghi (ví dụ “UBND phường 1”). Giúp khớp tên đơn vị khi nhập kế
            hoạch.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>Hiệu lực từ ngày</label>
          <DateInput id={`${id}-from`} value={validFrom} onChange={setValidFrom} />
          {fieldError("validFrom")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Hiệu lực đến ngày</label>
          <DateInput id={`${id}-to`} value={validTo} onChange={setValidTo} />
          {fieldError("validTo")}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Đang lưu…" : unit ? "Lưu thay đổi" : "Thêm đơn vị"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}
