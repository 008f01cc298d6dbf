import { useEffect, useState } from "react";
import { formatDate, parseDate } from "../format.js";

interface DateInputProps {
  id: string;
  /** ISO date ("2025-04-25") or "" for none. */
  value: string;
  onChange(iso: string): void;
  onFocus?(): void;
  "aria-describedby"?: string;
  "data-path"?: string;
}

/**
 * A date typed as dd/mm/yyyy whatever the browser's language (the native date input follows the browser locale and
 * shows mm/dd/yyyy on an English browser). Reports an ISO date, or "" when empty; a date it cannot read is flagged
 * when the user leaves the field and not reported.
 */
export function DateInput({ id, value, onChange, onFocus, "data-path": dataPath, ...aria }: DateInputProps) {
  const [text, setText] = useState(value ? formatDate(value) : "");
  const [invalid, setInvalid] = useState(false);

  // Follow outside changes (URL, reset) without fighting the user's typing.
  useEffect(() => {
    setText((current) =>
      parseDate(current) === value || (!value && current === "") ? current : value ? formatDate(value) : "",
    );
  }, [value]);

  const errorId = `${id}-invalid`;
  const describedBy = [aria["aria-describedby"], invalid ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <>
      <input
        id={id}
        data-path={dataPath}
        onFocus={onFocus}
        type="text"
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        autoComplete="off"
        value={text}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const iso = parseDate(next);
          if (next.trim() === "") {
            setInvalid(false);
            if (value !== "") onChange("");
          } else if (iso) {
            setInvalid(false);
            if (iso !== value) onChange(iso);
          }
        }}
        onBlur={() => setInvalid(text.trim() !== "" && parseDate(text) === null)}
      />
      {invalid ? (
        <p className="field-error" id={errorId}>
          Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 25/04/2025.
        </p>
      ) : null}
    </>
  );
}
