/**
 * Chia tách đơn vị: the unit ceases on the effective date and two or more new units take its place, under the same
 * parent; its open tasks and unsent reports go to the part chosen as the default receiver. (The API can also send
 * chosen tasks — with their report items — and users' roles to other parts; this form does not offer that.)
 */
import { type FormEvent, useId, useState } from "react";
import type { UnitKindName } from "../../../server/api-types.js";
import type { UnitDetailDto, UnitSplitResultDto } from "../../../server/api-types-directory.js";
import { ApiRequestError, errorMessage } from "../../api/client.js";
import { unitKindLabel } from "../../api/units.js";
import { DateInput } from "../../components/date-input.js";
import { formatNumber } from "../../format.js";
import { splitUnit, UNIT_KINDS } from "./directory-api.js";

interface SplitFormProps {
  unit: UnitDetailDto;
  onDone(result: UnitSplitResultDto): void;
  onCancel(): void;
}

interface Part {
  key: number;
  name: string;
  kind: UnitKindName;
}

export function SplitForm({ unit, onDone, onCancel }: SplitFormProps) {
  const [parts, setParts] = useState<Part[]>([
    { key: 1, name: "", kind: unit.kind },
    { key: 2, name: "", kind: unit.kind },
  ]);
  const [receiver, setReceiver] = useState(0);
  const [effectiveOn, setEffectiveOn] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const setPart = (i: number, change: Partial<Part>) =>
    setParts((list) => list.map((p, j) => (j === i ? { ...p, ...change } : p)));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    if (parts.some((p) => !p.name.trim()) || !effectiveOn) {
      setError("Nhập tên cho từng đơn vị mới và ngày hiệu lực (dd/mm/yyyy).");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(
        await splitUnit(unit.id, {
          parts: parts.map((p) => ({ name: p.name.trim(), kind: p.kind })),
          effectiveOn,
          assignTo: { default: receiver },
        }),
      );
    } catch (err) {
      const fieldText = err instanceof ApiRequestError ? Object.values(err.fields).join(" ") : "";
      setError(`${errorMessage(err)}${fieldText ? ` ${fieldText}` : ""}`);
      setBusy(false);
    }
  }

  return (
    <form className="card form directory-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Chia tách đơn vị</h2>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <p className="muted">
        “{unit.name}” hết hiệu lực từ ngày chia tách. Hiện có {formatNumber(unit.counts.openTasks)} nhiệm vụ đang mở và{" "}
        {formatNumber(unit.counts.unsentReports)} báo cáo chưa gửi; chúng được chuyển cho đơn vị tiếp nhận chọn dưới
        đây.
      </p>
      <p className="muted split-members-note">
        Vai trò của người dùng tại “{unit.name}” được giữ ở đơn vị cũ; hãy phân quyền lại cho các đơn vị mới sau khi
        chia tách.
      </p>
      <ol className="plain-list split-parts">
        {parts.map((p, i) => (
          <li key={p.key} className="form-grid form">
            <div className="field">
              <label htmlFor={`${id}-name-${p.key}`}>Tên đơn vị mới {i + 1}</label>
              <input
                id={`${id}-name-${p.key}`}
                type="text"
                value={p.name}
                onChange={(e) => setPart(i, { name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-kind-${p.key}`}>Loại đơn vị mới {i + 1}</label>
              <select
                id={`${id}-kind-${p.key}`}
                value={p.kind}
                onChange={(e) => setPart(i, { kind: e.target.value as UnitKindName })}
              >
                {UNIT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {unitKindLabel(k)}
                  </option>
                ))}
              </select>
            </div>
            {parts.length > 2 ? (
              <div className="form-actions">
                <button
                  type="button"
                  className="button-ghost"
                  onClick={() => {
                    setParts((list) => list.filter((_, j) => j !== i));
                    setReceiver(0);
                  }}
                >
                  Bỏ đơn vị mới {i + 1}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => setParts((list) => [...list, { key: Date.now(), name: "", kind: unit.kind }])}
        >
          Thêm một đơn vị mới
        </button>
      </div>
      <div className="form-grid form">
        <div className="field">
          <label htmlFor={`${id}-receiver`}>Đơn vị tiếp nhận nhiệm vụ và báo cáo</label>
          <select id={`${id}-receiver`} value={receiver} onChange={(e) => setReceiver(Number(e.target.value))}>
            {parts.map((p, i) => (
              <option key={p.key} value={i}>
                {p.name.trim() || `Đơn vị mới ${i + 1}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Ngày hiệu lực chia tách</label>
          <DateInput id={`${id}-date`} value={effectiveOn} onChange={setEffectiveOn} />
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Đang chia tách…" : "Chia tách"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}
