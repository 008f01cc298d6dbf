/**
 * Labelled form controls of the import review. Every control carries the path of its field in the plan
 * (`data-path`): focusing it highlights where the field came from in the source, and a problem of that path is shown
 * under it (and the problems list jumps to it).
 */
import { type ReactNode, useEffect, useId, useState } from "react";
import { DateInput } from "../../components/date-input.js";
import { formatDate } from "../../format.js";

/** What every control of the review form needs from the screen. */
export interface EditCtx {
  editable: boolean;
  /** The field with this path got the focus: highlight its source. */
  focus(path: string): void;
  /** The problem the server reports for exactly this path. */
  problem(path: string): string | undefined;
  /** Scroll to and focus the field with this path (e.g. a unit's match entry "units.<name>"). */
  goTo(path: string): void;
}

interface FieldShell {
  ctx: EditCtx;
  path: string;
  label: string;
  hint?: string | undefined;
  className?: string | undefined;
  /** Another path whose problem is shown here too (e.g. the task for its title). */
  alsoProblem?: string | undefined;
}

function Shell({
  ctx,
  path,
  label,
  hint,
  className,
  alsoProblem,
  children,
}: FieldShell & { children: (a: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const id = useId();
  const problem = ctx.problem(path) ?? (alsoProblem ? ctx.problem(alsoProblem) : undefined);
  const describedBy = [hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: !!problem })}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p className="field-error" id={`${id}-problem`}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  value,
  onChange,
  multiline,
  rows = 2,
  placeholder,
  ...shell
}: FieldShell & {
  value: string | null;
  /** The text as typed; callers map "" to null where the contract has a null. */
  onChange(text: string): void;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
}) {
  return (
    <Shell {...shell}>
      {({ id, describedBy, invalid }) => {
        const common = {
          id,
          "data-path": shell.path,
          disabled: !shell.ctx.editable,
          value: value ?? "",
          placeholder,
          "aria-describedby": describedBy,
          "aria-invalid": invalid ? true : undefined,
          onFocus: () => shell.ctx.focus(shell.path),
        };
        return multiline ? (
          <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
        );
      }}
    </Shell>
  );
}

export function SelectField<T extends string>({
  value,
  options,
  onChange,
  ...shell
}: FieldShell & {
  value: T | "";
  options: readonly (readonly [T | "", string])[];
  onChange(value: T | ""): void;
}) {
  return (
    <Shell {...shell}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          data-path={shell.path}
          disabled={!shell.ctx.editable}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid ? true : undefined}
          onFocus={() => shell.ctx.focus(shell.path)}
          onChange={(e) => onChange(e.target.value as T | "")}
        >
          {options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Shell>
  );
}

/** "12,5", "12.5", "1 000" → number; "" → null; anything else → undefined (kept as typed, flagged). */
export function parseNumber(text: string, integer: boolean): number | null | undefined {
  const t = text.trim().replace(/\s/g, "");
  if (t === "") return null;
  // One comma is the Vietnamese decimal mark; dots between groups of three digits are thousands separators.
  const normal = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) ? t.replace(/\./g, "").replace(",", ".") : t.replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const n = Number(normal);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return undefined;
  return n;
}

function numberText(n: number | null): string {
  return n === null ? "" : String(n).replace(".", ",");
}

export function NumberField({
  value,
  onChange,
  integer = false,
  ...shell
}: FieldShell & { value: number | null; onChange(value: number | null): void; integer?: boolean }) {
  const [text, setText] = useState(numberText(value));
  const [invalid, setInvalid] = useState(false);
  // Follow outside changes without fighting the typing ("1," stays while it means 1).
  useEffect(() => {
    setText((cur) => (parseNumber(cur, integer) === value ? cur : numberText(value)));
  }, [value, integer]);
  return (
    <Shell {...shell}>
      {({ id, describedBy, invalid: problem }) => (
        <>
          <input
            id={id}
            data-path={shell.path}
            type="text"
            inputMode={integer ? "numeric" : "decimal"}
            autoComplete="off"
            disabled={!shell.ctx.editable}
            value={text}
            aria-describedby={[describedBy, invalid ? `${id}-nan` : ""].filter(Boolean).join(" ") || undefined}
            aria-invalid={problem || invalid ? true : undefined}
            onFocus={() => shell.ctx.focus(shell.path)}
            onChange={(e) => {
              setText(e.target.value);
              const n = parseNumber(e.target.value, integer);
              if (n !== undefined) {
                setInvalid(false);
                if (n !== value) onChange(n);
              }
            }}
            onBlur={() => setInvalid(parseNumber(text, integer) === undefined)}
          />
          {invalid ? (
            <p className="field-error" id={`${id}-nan`}>
              {integer ? "Nhập một số nguyên, ví dụ 15." : "Nhập một số, ví dụ 12,5."}
            </p>
          ) : null}
        </>
      )}
    </Shell>
  );
}

/** A date typed dd/mm/yyyy, stored as an ISO date (or null). A stored date that is not valid is shown as is. */
export function DateField({
  value,
  onChange,
  ...shell
}: FieldShell & { value: string | null; onChange(value: string | null): void }) {
  const shown = value && formatDate(value) === "—" ? `Giá trị hiện tại không hợp lệ: “${value}”.` : undefined;
  return (
    <Shell {...shell} hint={[shell.hint, shown].filter(Boolean).join(" ") || undefined}>
      {({ id, describedBy }) =>
        shell.ctx.editable ? (
          <DateInput
            id={id}
            data-path={shell.path}
            aria-describedby={describedBy}
            onFocus={() => shell.ctx.focus(shell.path)}
            value={value ?? ""}
            onChange={(v) => onChange(v || null)}
          />
        ) : (
          <input id={id} data-path={shell.path} type="text" disabled value={value ? formatDate(value) : ""} />
        )
      }
    </Shell>
  );
}

/**
 * An editable list of short texts (unit names, awards…): each row its own labelled input with a remove button,
 * and a button adding a row (which takes the focus).
 */
export function StringListField({
  ctx,
  path,
  label,
  itemLabel,
  addLabel,
  items,
  onChange,
  after,
  multiline,
}: {
  ctx: EditCtx;
  path: string;
  label: string;
  itemLabel(i: number): string;
  addLabel: string;
  items: readonly string[];
  onChange(items: string[]): void;
  /** Shown after each row's input (e.g. the unit the name is matched to). */
  after?: (item: string, i: number) => ReactNode;
  multiline?: boolean;
}) {
  const id = useId();
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    if (focusIndex === null) return;
    document.getElementById(`${id}-${focusIndex}`)?.focus();
    setFocusIndex(null);
  }, [focusIndex, id]);
  const problem = ctx.problem(path);
  return (
    <fieldset className="fieldset list-field" data-path={path} tabIndex={-1}>
      <legend>{label}</legend>
      {items.length === 0 ? <p className="muted list-empty">Chưa có.</p> : null}
      <ul className="plain-list list-rows">
        {items.map((item, i) => {
          const p = `${path}.${i}`;
          const itemProblem = ctx.problem(p);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the row is "<path>.<index>" in the plan
            <li key={i} className="list-row">
              <label className="visually-hidden" htmlFor={`${id}-${i}`}>
                {itemLabel(i)}
              </label>
              <div className="list-row-main">
                {multiline ? (
                  <textarea
                    id={`${id}-${i}`}
                    data-path={p}
                    rows={2}
                    disabled={!ctx.editable}
                    value={item}
                    aria-invalid={itemProblem ? true : undefined}
                    onFocus={() => ctx.focus(p)}
                    onChange={(e) => onChange(items.map((x, j) => (j === i ? e.target.value : x)))}
                  />
                ) : (
                  <input
                    id={`${id}-${i}`}
                    data-path={p}
                    type="text"
                    disabled={!ctx.editable}
                    value={item}
                    aria-invalid={itemProblem ? true : undefined}
                    onFocus={() => ctx.focus(p)}
                    onChange={(e) => onChange(items.map((x, j) => (j === i ? e.target.value : x)))}
                  />
                )}
                {ctx.editable ? (
                  <button
                    type="button"
                    className="button button-ghost icon-button"
                    aria-label={`Xóa: ${itemLabel(i)}`}
                    title="Xóa"
                    onClick={() => onChange(items.filter((_, j) => j !== i))}
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                ) : null}
              </div>
              {after ? after(item, i) : null}
              {itemProblem ? <p className="field-error">{itemProblem}</p> : null}
            </li>
          );
        })}
      </ul>
      {problem ? <p className="field-error">{problem}</p> : null}
      {ctx.editable ? (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            onChange([...items, ""]);
            setFocusIndex(items.length);
          }}
        >
          + {addLabel}
        </button>
      ) : null}
    </fieldset>
  );
}

/** A card section of the review form with a heading and a count. */
export function Section({
  id,
  title,
  count,
  path,
  children,
  intro,
}: {
  id: string;
  title: string;
  count?: number | undefined;
  path?: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card review-section" aria-labelledby={id} data-path={path} tabIndex={path ? -1 : undefined}>
      <h2 id={id}>
        {title}
        {count !== undefined ? ` (${count.toLocaleString("vi-VN")})` : ""}
      </h2>
      {intro}
      {children}
    </section>
  );
}
