import { useEffect, useId, useState } from "react";
import { listUnits, type UnitListItem, unitKindLabel } from "../api/units.js";

interface UnitPickerProps {
  label: string;
  value: UnitListItem | null;
  onChange(unit: UnitListItem | null): void;
  error?: string | undefined;
}

/**
 * Choose one unit by typing part of its name (diacritics optional). Results are plain buttons, so the picker works
 * with a keyboard, a screen reader and a thumb alike.
 */
export function UnitPicker({ label, value, onChange, error }: UnitPickerProps) {
  const [text, setText] = useState("");
  const [results, setResults] = useState<UnitListItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  const id = useId();

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      listUnits({ q, limit: 8 }, controller.signal).then(
        (units) => {
          setFailed(false);
          setResults(units);
        },
        () => {
          if (!controller.signal.aborted) setFailed(true);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  if (value) {
    return (
      <div className="field">
        <span className="field-label">{label}</span>
        <div className="picked">
          <span>
            <strong>{value.name}</strong>
            {value.kind ? <span className="muted"> · {unitKindLabel(value.kind)}</span> : null}
          </span>
          <button type="button" className="button-ghost" onClick={() => onChange(null)}>
            Đổi đơn vị
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        autoComplete="off"
        placeholder="Gõ tên đơn vị, ví dụ: phong kinh te"
        aria-describedby={`${id}-status${error ? ` ${id}-err` : ""}`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      <p className="field-hint" id={`${id}-status`} aria-live="polite">
        {failed
          ? "Không tải được danh sách đơn vị."
          : results === null
            ? "Gõ ít nhất 2 ký tự để tìm."
            : results.length === 0
              ? "Không tìm thấy đơn vị phù hợp."
              : `${results.length} đơn vị phù hợp — chọn một:`}
      </p>
      {results && results.length > 0 ? (
        <ul className="pick-list">
          {results.map((u) => (
            <li key={u.id}>
              <button type="button" onClick={() => onChange(u)}>
                <span className="pick-name">{u.name}</span>
                <span className="muted">
                  {unitKindLabel(u.kind)}
                  {u.parentName ? ` · ${u.parentName}` : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
