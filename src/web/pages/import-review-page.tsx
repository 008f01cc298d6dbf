/**
 * Import review (UX.md, screen 4): the cleaned source text on the left with the extracted field highlighted as the
 * coordinator moves through the form on the right; problems listed at the top, each jumping to its field; printed
 * unit names with directory candidates and their confidence, chosen in one click; then publishing.
 */
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Link, useNavigate, useParams } from "react-router-dom";
import type {
  ImportDto,
  ImportReviewDto,
  PlanProblemDto,
  PlanV1,
  UnitMatchDto,
  UnitRefDto,
} from "../../server/api-types.js";
import { ApiRequestError, errorMessage } from "../api/client.js";
import { getImport, importSourceUrl, publishImport, updateImport } from "../api/imports.js";
import { listUnits } from "../api/units.js";
import { DateInput } from "../components/date-input.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { formatDate, formatNumber, formatPercent, formatTime } from "../format.js";
import { useLoad } from "../use-load.js";
import { searchUnitGroups } from "./directory/directory-api.js";
import { planPath } from "./plans-page.js";
import { CascadeEditor } from "./review/cascade.js";
import type { EditCtx } from "./review/fields.js";
import {
  emptyGroup,
  emptyRule,
  emptyTarget,
  emptyTask,
  initialOrigins,
  type Origins,
  removeAt,
  removeGroup,
  shiftTaskParents,
  spanOf,
  updateAt,
} from "./review/plan-edit.js";
import { EmulationEditor, GroupsEditor, ReportingEditor, TargetsEditor } from "./review/structure-editors.js";
import { TaskRow, taskName } from "./review/task-editor.js";

const AUTOSAVE_MS = 1500;

/** The source text with `[start, end)` marked; the mark scrolls into view inside its own pane. */
function SourcePane({ text, span }: { text: string; span: { start: number; end: number } | null }) {
  const pane = useRef<HTMLElement>(null);
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!span || !pane.current || !mark.current) return;
    pane.current.scrollTop = mark.current.offsetTop - pane.current.clientHeight / 3;
  }, [span]);
  const ok = span && span.start >= 0 && span.end <= text.length && span.end > span.start;
  return (
    // A scrollable region must be reachable from the keyboard to be scrolled without a mouse.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region
    <section className="source-pane" ref={pane} tabIndex={0} aria-label="Văn bản gốc đã làm sạch">
      <pre>
        {ok ? (
          <>
            {text.slice(0, span.start)}
            <mark ref={mark}>{text.slice(span.start, span.end)}</mark>
            {text.slice(span.end)}
          </>
        ) : (
          text
        )}
      </pre>
    </section>
  );
}

interface FieldProps {
  path: string;
  label: string;
  problem?: string | undefined;
  children: (props: { id: string; "data-path": string; onFocus(): void; "aria-invalid"?: true }) => ReactNode;
  onFocusPath(path: string): void;
}

function Field({ path, label, problem, children, onFocusPath }: FieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "data-path": path,
        onFocus: () => onFocusPath(path),
        ...(problem ? { "aria-invalid": true as const } : {}),
      })}
      {problem ? <p className="field-error">{problem}</p> : null}
    </div>
  );
}

/** What the coordinator picked for a printed name: a candidate or any unit/group found in the directory. */
export interface UnitChoice {
  type: "unit" | "group";
  id: string;
  name: string;
  members: UnitRefDto[];
}

/** Search the whole directory (units and unit groups, diacritics optional) for a printed name's real unit. */
function DirectorySearch({ name, onPick }: { name: string; onPick(choice: UnitChoice): void }) {
  const [text, setText] = useState("");
  const [results, setResults] = useState<UnitChoice[] | null>(null);
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
      Promise.all([listUnits({ q, limit: 8 }, controller.signal), searchUnitGroups(q, controller.signal)]).then(
        ([units, groups]) => {
          setFailed(false);
          setResults([
            ...units.map((u): UnitChoice => ({ type: "unit", id: u.id, name: u.name, members: [] })),
            ...groups.slice(0, 5).map((g): UnitChoice => ({ type: "group", id: g.id, name: g.name, members: [] })),
          ]);
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

  return (
    <details className="match-search">
      <summary>Chọn đơn vị khác trong danh mục</summary>
      <div className="field">
        <label htmlFor={id}>Tìm đơn vị hoặc nhóm đơn vị cho “{name}”</label>
        <input
          id={id}
          type="search"
          value={text}
          autoComplete="off"
          placeholder="Gõ tên, ví dụ: phong tu phap"
          aria-describedby={`${id}-status`}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="field-hint" id={`${id}-status`} aria-live="polite">
          {failed
            ? "Không tải được danh mục đơn vị."
            : results === null
              ? "Gõ ít nhất 2 ký tự để tìm."
              : results.length === 0
                ? "Không tìm thấy đơn vị hoặc nhóm phù hợp."
                : `${results.length} kết quả — chọn một:`}
        </p>
        {results && results.length > 0 ? (
          <ul className="pick-list">
            {results.map((r) => (
              <li key={`${r.type}:${r.id}`}>
                <button
                  type="button"
                  onClick={() => {
                    onPick(r);
                    setText("");
                  }}
                >
                  <span className="pick-name">{r.name}</span>
                  <span className="muted">{r.type === "group" ? "Nhóm đơn vị" : "Đơn vị"}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </details>
  );
}

/** The members of a chosen group, each with a checkbox: unticked members are not assigned the tasks. */
function GroupMembers({
  match,
  editable,
  onExclude,
}: {
  match: UnitMatchDto;
  editable: boolean;
  onExclude(excludedUnitIds: string[]): void;
}) {
  const chosen = match.chosen;
  if (!chosen || chosen.type !== "group" || chosen.members.length === 0) return null;
  const excluded = new Set(chosen.excludedUnitIds);
  const included = chosen.members.length - chosen.members.filter((m) => excluded.has(m.id)).length;
  return (
    <details className="match-members">
      <summary>
        Đơn vị trong nhóm: giao cho {formatNumber(included)}/{formatNumber(chosen.members.length)} đơn vị
      </summary>
      <fieldset className="fieldset">
        <legend className="visually-hidden">Đơn vị thuộc nhóm “{chosen.name}” được giao nhiệm vụ</legend>
        <ul className="plain-list member-list">
          {chosen.members.map((m) => (
            <li key={m.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  disabled={!editable}
                  checked={!excluded.has(m.id)}
                  onChange={(e) => {
                    const next = new Set(excluded);
                    if (e.target.checked) next.delete(m.id);
                    else next.add(m.id);
                    onExclude(chosen.members.filter((x) => next.has(x.id)).map((x) => x.id));
                  }}
                />
                {m.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}

function UnitMatch({
  match,
  editable,
  onChoose,
  onExclude,
}: {
  match: UnitMatchDto;
  editable: boolean;
  onChoose(choice: UnitChoice | null): void;
  onExclude(excludedUnitIds: string[]): void;
}) {
  const roles = match.roles.map((r) => (r === "lead" ? "chủ trì" : "phối hợp")).join(", ");
  const pickedElsewhere =
    match.chosen && !match.chosen.auto && !match.candidates.some((c) => c.id === match.chosen?.id);
  return (
    <li className="match" data-path={`units.${match.name}`} tabIndex={-1}>
      <div className="match-head">
        <strong>“{match.name}”</strong>
        <span className="muted">
          {" "}
          · {roles} · {formatNumber(match.taskIndexes.length)} nhiệm vụ
        </span>
      </div>
      {match.chosen ? (
        <p className="match-chosen">
          <span className="chip chip-done-on-time">
            <span aria-hidden="true">✓ </span>
            {match.chosen.name}
          </span>{" "}
          <span className="muted">
            {match.chosen.auto
              ? `tự động, độ tin cậy ${formatPercent(match.chosen.confidence * 100, 0)}`
              : pickedElsewhere
                ? "đã chọn trong danh mục"
                : "đã xác nhận"}
            {match.chosen.type === "group" ? ` · nhóm ${formatNumber(match.chosen.members.length)} đơn vị` : ""}
          </span>
        </p>
      ) : (
        <p className="match-chosen">
          <span className="chip chip-overdue">
            <span aria-hidden="true">! </span>Chưa xác định đơn vị
          </span>
        </p>
      )}
      {match.candidates.length > 0 ? (
        <ul className="match-candidates" aria-label={`Các đơn vị có thể ứng với “${match.name}”`}>
          {match.candidates.map((c) => {
            const chosen = match.chosen?.id === c.id && !match.chosen.auto;
            return (
              <li key={c.id}>
                <button
                  type="button"
                  className={chosen ? "button button-primary" : "button"}
                  aria-pressed={chosen}
                  disabled={!editable}
                  onClick={() => onChoose({ type: c.type, id: c.id, name: c.name, members: c.members })}
                >
                  {c.name} <span className="confidence">{formatPercent(c.confidence * 100, 0)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">Danh mục không có đơn vị nào gần giống tên này.</p>
      )}
      <GroupMembers match={match} editable={editable} onExclude={onExclude} />
      {editable ? <DirectorySearch name={match.name} onPick={onChoose} /> : null}
    </li>
  );
}

type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "error"; message: string };

function Review({ initial }: { initial: ImportDto }) {
  const navigate = useNavigate();
  const [imp, setImp] = useState(initial);
  const [plan, setPlan] = useState<PlanV1 | null>(initial.plan);
  const [review, setReview] = useState<ImportReviewDto>(initial.review);
  const [active, setActive] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<{ message: string; problems: PlanProblemDto[] } | null>(null);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [openTasks, setOpenTasks] = useState<ReadonlySet<number>>(() => new Set());
  // Where each row of the lists was extracted from, so the source highlighting follows rows added or removed here;
  // sent with each save, so it follows them after a reload too.
  const [origins, setOrigins] = useState<Origins>(() => initial.origins ?? initialOrigins(initial.plan));
  const [undo, setUndo] = useState<{
    label: string;
    at: number;
    plan: PlanV1;
    review: ImportReviewDto;
    origins: Origins;
  } | null>(null);
  const edits = useRef(0);
  const saved = useRef(0);
  const state = useRef({ imp, plan, review, origins });
  state.current = { imp, plan, review, origins };
  const formRef = useRef<HTMLDivElement>(null);
  const publishAlert = useRef<HTMLDivElement>(null);
  // A refusal is shown at the top of the page: bring it into view wherever the coordinator was.
  useEffect(() => {
    if (publishError) publishAlert.current?.scrollIntoView({ block: "start" });
  }, [publishError]);

  const editable = imp.abilities.edit && imp.status === "ready";

  // One save at a time: a save started while another is in flight (autosave after a later edit, publish, leaving
  // the page) waits for it and sends the version that save returned, instead of a stale one the server would refuse.
  const saving = useRef<Promise<boolean> | null>(null);
  const latestVersion = useRef<number | null>(null);
  const doSave = useCallback(async (): Promise<boolean> => {
    while (saving.current) await saving.current;
    if (edits.current === saved.current) return true;
    const run = (async () => {
      const seq = edits.current;
      const { imp: cur, plan: p, review: r, origins: o } = state.current;
      const version = Math.max(cur.version, latestVersion.current ?? cur.version);
      setSave({ kind: "saving" });
      try {
        const res = await updateImport(cur.id, { version, ...(p ? { plan: p, origins: o } : {}), review: r });
        latestVersion.current = res.version;
        saved.current = seq;
        // Keep what was typed meanwhile; take the server's analysis (matches, problems, spans) and version.
        setImp(res);
        if (edits.current === seq) {
          setPlan(res.plan);
          setReview(res.review);
        }
        setSave({ kind: "saved", at: new Date() });
        return true;
      } catch (err) {
        if (err instanceof ApiRequestError && err.code === "CONFLICT") {
          setSave({ kind: "error", message: "Bản nhập vừa được người khác sửa. Tải lại trang để xem bản mới nhất." });
        } else {
          setSave({ kind: "error", message: errorMessage(err) });
        }
        return false;
      }
    })();
    saving.current = run;
    try {
      return await run;
    } finally {
      saving.current = null;
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `plan` and `review` changes are the trigger
  useEffect(() => {
    if (edits.current === saved.current || !editable) return;
    const t = setTimeout(() => void doSave(), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [plan, review, editable, doSave]);

  // Nothing typed is lost: leaving the page (or the tab going to the background on a phone) saves at once, and the
  // browser asks before unloading while a change is not saved yet.
  useEffect(() => {
    const pending = () => edits.current !== saved.current;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!pending()) return;
      void doSave();
      e.preventDefault();
    };
    const onHidden = () => {
      if (document.visibilityState === "hidden" && pending()) void doSave();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("visibilitychange", onHidden);
      if (pending()) void doSave();
    };
  }, [doSave]);

  const editPlan = (update: (p: PlanV1) => PlanV1) => {
    edits.current += 1;
    setPlan((p) => (p ? update(p) : p));
  };
  const editReview = (update: (r: ImportReviewDto) => ImportReviewDto) => {
    edits.current += 1;
    setReview((r) => update(r));
  };

  const problemAt = (path: string) => imp.problems.find((p) => p.path === path)?.message;
  const goTo = (path: string) => {
    const root = formRef.current;
    if (!root) return;
    // A field of a closed task row is rendered once the row is open.
    const taskAt = /^tasks\.(\d+)(?:\.|$)/.exec(path);
    if (taskAt && !path.endsWith(".parent")) {
      const i = Number(taskAt[1]);
      if (!openTasks.has(i)) flushSync(() => setOpenTasks((s) => new Set(s).add(i)));
    }
    // A printed unit name of a task ("tasks.3.lead.0") is settled in the unit list: go to its entry there.
    const unitRef = /^tasks\.(\d+)\.(lead|support)\.(\d+)$/.exec(path);
    const printed = unitRef ? state.current.plan?.tasks[Number(unitRef[1])]?.[unitRef[2] as "lead" | "support"] : null;
    const printedName = unitRef && printed ? printed[Number(unitRef[3])]?.trim() : undefined;
    let el: HTMLElement | null = printedName
      ? root.querySelector<HTMLElement>(`[data-path="${CSS.escape(`units.${printedName}`)}"]`)
      : null;
    // The exact field, else the closest enclosing one ("tasks.3.lead" → "tasks.3").
    for (let p = path; p && !el; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
      el = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
    }
    el?.scrollIntoView({ block: "center" });
    el?.focus();
    setActive(path);
  };

  async function onPublish(confirm = false) {
    setPublishError(null);
    setPublishing(true);
    try {
      if (!(await doSave())) return;
      const { planId } = await publishImport(imp.id, confirm);
      navigate(planPath(planId));
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === "CONFLICT" && Array.isArray(err.detail?.existing)) {
        setDuplicate(err.message);
      } else {
        const listed = err instanceof ApiRequestError ? err.detail?.problems : undefined;
        const problems = Array.isArray(listed) ? (listed as PlanProblemDto[]) : [];
        // The server lists each blocking problem after its first line; show them as a list of links instead.
        const message = problems.length ? (errorMessage(err).split("\n")[0] ?? "") : errorMessage(err);
        setPublishError({ message, problems });
      }
    } finally {
      setPublishing(false);
    }
  }

  if (!plan) {
    return (
      <Page title={`Rà soát: ${imp.fileName}`}>
        <EmptyState icon="search" title="Không trích xuất được nội dung kế hoạch">
          <p>{imp.error ?? "Văn bản không đọc được. Hãy thử tệp DOCX hoặc bản PDF rõ hơn."}</p>
        </EmptyState>
      </Page>
    );
  }

  const meta = plan.plan;
  const errors = imp.problems.filter((p) => p.severity === "error");
  const warnings = imp.problems.filter((p) => p.severity === "warning");
  const span = active ? spanOf(imp.spans, imp.origins, origins, active) : null;
  const ctx: EditCtx = { editable, focus: setActive, problem: problemAt, goTo };

  /** Removes a row, keeping what points at rows by index in step, and offers to undo it. */
  const removeRow = (list: keyof Origins, index: number, label: string) => {
    const before = { plan, review, origins };
    editPlan((p) =>
      list === "groups" ? removeGroup(p, index) : { ...p, [list]: removeAt(p[list] as unknown[], index) },
    );
    if (list === "tasks") {
      editReview((r) => ({ ...r, taskParents: shiftTaskParents(r.taskParents, index) }));
      setOpenTasks((s) => new Set([...s].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i))));
    }
    setOrigins((o) => ({ ...o, [list]: removeAt(o[list], index) }));
    setUndo({ label, at: edits.current, ...before });
    if (active?.startsWith(`${list}.`)) setActive(null);
  };
  const addRow = (list: keyof Origins) => {
    editPlan((p) => {
      switch (list) {
        case "tasks":
          return { ...p, tasks: [...p.tasks, emptyTask(p.tasks.at(-1)?.group ?? null)] };
        case "groups":
          return { ...p, groups: [...p.groups, emptyGroup()] };
        case "reporting":
          return { ...p, reporting: [...p.reporting, emptyRule()] };
        case "targets":
          return { ...p, targets: [...p.targets, emptyTarget()] };
      }
    });
    setOrigins((o) => ({ ...o, [list]: [...o[list], null] }));
    const index = (plan[list] as unknown[]).length;
    if (list === "tasks") flushSync(() => setOpenTasks((s) => new Set(s).add(index)));
    // Take the new row's first field.
    requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>(
        `[data-path="${list}.${index}.${list === "groups" ? "ref" : list === "tasks" ? "title" : "text"}"]`,
      );
      el?.scrollIntoView({ block: "center" });
      el?.focus();
    });
  };
  const onUndo = () => {
    if (!undo) return;
    edits.current += 1;
    setPlan(undo.plan);
    setReview(undo.review);
    setOrigins(undo.origins);
    setUndo(null);
  };
  const matchesByName = new Map(imp.matches.map((m) => [m.name, m]));
  const taskProblems = new Map<number, number>();
  for (const p of imp.problems) {
    const m = /^tasks\.(\d+)(?:\.|$)/.exec(p.path);
    if (m) taskProblems.set(Number(m[1]), (taskProblems.get(Number(m[1])) ?? 0) + 1);
  }
  const allOpen = plan.tasks.length > 0 && openTasks.size >= plan.tasks.length;

  const setMeta = <K extends keyof PlanV1["plan"]>(k: K, v: PlanV1["plan"][K]) =>
    editPlan((p) => ({ ...p, plan: { ...p.plan, [k]: v } }));

  /** A plain text field of the plan's metadata, highlighting its source span on focus. */
  const metaText = (key: "doc_type" | "number" | "issuer" | "signer", label: string) => (
    <Field path={`plan.${key}`} label={label} problem={problemAt(`plan.${key}`)} onFocusPath={setActive}>
      {(p) => (
        <input
          {...p}
          type="text"
          disabled={!editable}
          value={meta[key] ?? ""}
          onChange={(e) => setMeta(key, e.target.value || null)}
        />
      )}
    </Field>
  );

  let saveText = editable ? "Mọi chỉnh sửa được lưu tự động." : "";
  if (save.kind === "saving") saveText = "Đang lưu…";
  else if (save.kind === "saved") saveText = `Đã lưu lúc ${formatTime(save.at)}`;
  else if (save.kind === "error") saveText = save.message;

  return (
    <Page
      title={`Rà soát: ${meta.number ?? imp.fileName}`}
      lead={meta.title ?? imp.fileName}
      before={
        <nav className="breadcrumb" aria-label="Vị trí">
          <ol>
            <li>
              <Link to="/ke-hoach">Kế hoạch</Link>
            </li>
            <li>
              <Link to="/ke-hoach/nhap">Nhập kế hoạch</Link>
            </li>
            <li>
              <span aria-current="page">{imp.fileName}</span>
            </li>
          </ol>
        </nav>
      }
    >
      <div className="report-bar card">
        <p className="save-state" aria-live="polite">
          {save.kind === "error" ? <span className="field-error">{saveText}</span> : saveText}
        </p>
        <span className="form-actions">
          {imp.sourceFile ? (
            <a className="button" href={importSourceUrl(imp.id)} download={imp.sourceFile.fileName}>
              Tải tệp gốc
            </a>
          ) : null}
          {imp.abilities.publish ? (
            <button
              type="button"
              className="button button-primary"
              disabled={publishing}
              onClick={() => onPublish(false)}
            >
              {publishing ? "Đang ban hành…" : "Ban hành kế hoạch"}
            </button>
          ) : null}
        </span>
      </div>

      {undo && undo.at === edits.current ? (
        <div className="notice undo-notice" role="status">
          Đã xóa {undo.label}.{" "}
          <button type="button" className="link-button" onClick={onUndo}>
            Hoàn tác
          </button>
        </div>
      ) : null}
      {duplicate ? (
        <div className="alert alert-error" role="alert">
          <p>{duplicate}</p>
          <div className="form-actions">
            <button type="button" className="button button-danger" onClick={() => onPublish(true)}>
              Vẫn ban hành
            </button>
            <button type="button" className="button" onClick={() => setDuplicate(null)}>
              Hủy
            </button>
          </div>
        </div>
      ) : null}
      {publishError ? (
        <div className="alert alert-error publish-problems" role="alert" ref={publishAlert}>
          <p>{publishError.message}</p>
          {publishError.problems.length > 0 ? (
            <ul>
              {publishError.problems.map((p) => (
                <li key={`${p.path}:${p.code}:${p.message}`}>
                  <button type="button" className="link-button" onClick={() => goTo(p.path)}>
                    {p.message}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {imp.problems.length > 0 ? (
        <section className="card problems" aria-labelledby="problems-title">
          <h2 id="problems-title">
            Cần xem lại: {formatNumber(errors.length)} lỗi, {formatNumber(warnings.length)} lưu ý
          </h2>
          {errors.length > 0 ? <p className="muted">Sửa hết các lỗi trước khi ban hành.</p> : null}
          <ul className="plain-list problem-list">
            {[...errors, ...warnings].map((p) => (
              <li key={`${p.path}:${p.code}:${p.message}`}>
                <button type="button" className="link-button" onClick={() => goTo(p.path)}>
                  <span className={p.severity === "error" ? "overdue-count" : "muted"}>
                    {p.severity === "error" ? "Lỗi" : "Lưu ý"}:
                  </span>{" "}
                  {p.message}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="notice">Không phát hiện vấn đề nào. Kiểm tra lại các trường rồi ban hành.</p>
      )}

      <div className="review-layout">
        {imp.cleanedText ? <SourcePane text={imp.cleanedText} span={span} /> : null}
        <div className="review-form" ref={formRef}>
          <nav className="review-nav" aria-label="Các phần của kế hoạch">
            <a href="#meta-title">Thông tin</a>
            <a href="#units-title">Đơn vị</a>
            <a href="#groups-title">Nhóm</a>
            <a href="#tasks-title">Nhiệm vụ</a>
            <a href="#reporting-title">Báo cáo</a>
            <a href="#targets-title">Chỉ tiêu</a>
            <a href="#emulation-title">Thi đua</a>
            <a href="#cascade-title">Cấp trên</a>
          </nav>
          <section className="card form" aria-labelledby="meta-title">
            <h2 id="meta-title">Thông tin văn bản</h2>
            <div className="form-grid form">
              {metaText("doc_type", "Loại văn bản")}
              {metaText("number", "Số, ký hiệu")}
              <Field
                path="plan.issued_at"
                label="Ngày ban hành"
                problem={problemAt("plan.issued_at")}
                onFocusPath={setActive}
              >
                {(p) =>
                  editable ? (
                    <DateInput
                      id={p.id}
                      data-path={p["data-path"]}
                      onFocus={p.onFocus}
                      value={meta.issued_at ?? ""}
                      onChange={(v) => setMeta("issued_at", v || null)}
                    />
                  ) : (
                    <input {...p} type="text" disabled value={meta.issued_at ? formatDate(meta.issued_at) : ""} />
                  )
                }
              </Field>
              {metaText("issuer", "Cơ quan ban hành (như in trên văn bản)")}
              <Field
                path="review.issuerUnitId"
                label="Đơn vị ban hành trong danh mục"
                problem={problemAt("review.issuerUnitId")}
                onFocusPath={setActive}
              >
                {(p) => (
                  <select
                    {...p}
                    disabled={!editable}
                    value={review.issuerUnitId ?? imp.issuer.chosen?.id ?? ""}
                    onChange={(e) => editReview((r) => ({ ...r, issuerUnitId: e.target.value || null }))}
                  >
                    <option value="">(chưa chọn)</option>
                    {imp.issuer.chosen && !imp.issuer.candidates.some((c) => c.id === imp.issuer.chosen?.id) ? (
                      <option value={imp.issuer.chosen.id}>{imp.issuer.chosen.name}</option>
                    ) : null}
                    {imp.issuer.candidates.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name} ({formatPercent(c.confidence * 100, 0)})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {metaText("signer", "Người ký")}
            </div>
            <Field path="plan.title" label="Trích yếu" problem={problemAt("plan.title")} onFocusPath={setActive}>
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  disabled={!editable}
                  value={meta.title ?? ""}
                  onChange={(e) => setMeta("title", e.target.value || null)}
                />
              )}
            </Field>
          </section>

          <section className="card" aria-labelledby="units-title">
            <h2 id="units-title">Đơn vị chủ trì, phối hợp ({formatNumber(imp.matches.length)})</h2>
            <p className="muted">
              Tên đơn vị in trong văn bản và đơn vị tương ứng trong danh mục. Bấm vào một đơn vị để xác nhận.
            </p>
            <ul className="plain-list matches">
              {imp.matches.map((m) => (
                <UnitMatch
                  key={m.name}
                  match={m}
                  editable={editable}
                  onChoose={(choice) => {
                    if (!editable) return;
                    editReview((r) => ({
                      ...r,
                      units: { ...r.units, [m.name]: choice ? { type: choice.type, id: choice.id } : null },
                    }));
                    // Show the choice at once; the server's analysis (group members…) follows with the autosave.
                    setImp((cur) => ({
                      ...cur,
                      matches: cur.matches.map((x) =>
                        x.name === m.name
                          ? {
                              ...x,
                              chosen: choice
                                ? {
                                    ...(x.candidates.find((c) => c.id === choice.id) ?? { ...choice, confidence: 1 }),
                                    excludedUnitIds: [],
                                    auto: false,
                                  }
                                : null,
                            }
                          : x,
                      ),
                    }));
                  }}
                  onExclude={(excludedUnitIds) => {
                    const chosen = m.chosen;
                    if (!editable || !chosen) return;
                    editReview((r) => ({
                      ...r,
                      units: { ...r.units, [m.name]: { type: chosen.type, id: chosen.id, excludedUnitIds } },
                    }));
                    setImp((cur) => ({
                      ...cur,
                      matches: cur.matches.map((x) =>
                        x.name === m.name && x.chosen ? { ...x, chosen: { ...x.chosen, excludedUnitIds } } : x,
                      ),
                    }));
                  }}
                />
              ))}
            </ul>
          </section>

          <section className="card review-section" aria-labelledby="groups-title">
            <h2 id="groups-title">Nhóm nhiệm vụ ({formatNumber(plan.groups.length)})</h2>
            <GroupsEditor
              ctx={ctx}
              plan={plan}
              editPlan={editPlan}
              onAdd={addRow}
              onRemove={(list, i) => removeRow(list, i, `nhóm ${plan.groups[i]?.ref || i + 1}`)}
            />
          </section>

          <section className="card review-section" aria-labelledby="tasks-title" data-path="tasks" tabIndex={-1}>
            <div className="section-head">
              <h2 id="tasks-title">Nhiệm vụ ({formatNumber(plan.tasks.length)})</h2>
              {plan.tasks.length > 0 ? (
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => setOpenTasks(allOpen ? new Set() : new Set(plan.tasks.map((_, i) => i)))}
                >
                  {allOpen ? "Thu gọn tất cả" : "Mở tất cả"}
                </button>
              ) : null}
            </div>
            <p className="muted">Bấm vào một nhiệm vụ để sửa nội dung, đơn vị, sản phẩm và thời gian thực hiện.</p>
            {problemAt("tasks") ? <p className="field-error">{problemAt("tasks")}</p> : null}
            <ol className="plain-list review-tasks">
              {plan.tasks.map((t, i) => (
                <TaskRow
                  // biome-ignore lint/suspicious/noArrayIndexKey: a task is "tasks.<index>" in the plan
                  key={i}
                  ctx={ctx}
                  task={t}
                  index={i}
                  open={openTasks.has(i)}
                  groups={plan.groups}
                  matches={matchesByName}
                  problemCount={taskProblems.get(i) ?? 0}
                  linked={!!review.taskParents[String(i)]}
                  onToggle={() =>
                    setOpenTasks((s) => {
                      const next = new Set(s);
                      if (next.has(i)) next.delete(i);
                      else next.add(i);
                      return next;
                    })
                  }
                  onChange={(update) => editPlan((pl) => ({ ...pl, tasks: updateAt(pl.tasks, i, update) }))}
                  onRemove={() => removeRow("tasks", i, taskName(t, i).toLowerCase())}
                />
              ))}
            </ol>
            {editable ? (
              <button type="button" className="button" onClick={() => addRow("tasks")}>
                + Thêm nhiệm vụ
              </button>
            ) : null}
          </section>

          <section
            className="card review-section"
            aria-labelledby="reporting-title"
            data-path="reporting"
            tabIndex={-1}
          >
            <h2 id="reporting-title">Chế độ báo cáo ({formatNumber(plan.reporting.length)})</h2>
            {problemAt("reporting") ? <p className="field-hint">{problemAt("reporting")}</p> : null}
            <ReportingEditor
              ctx={ctx}
              plan={plan}
              editPlan={editPlan}
              onAdd={addRow}
              onRemove={(list, i) => removeRow(list, i, `quy định báo cáo ${i + 1}`)}
            />
          </section>

          <section className="card review-section" aria-labelledby="targets-title">
            <h2 id="targets-title">Chỉ tiêu ({formatNumber(plan.targets.length)})</h2>
            <TargetsEditor
              ctx={ctx}
              plan={plan}
              editPlan={editPlan}
              onAdd={addRow}
              onRemove={(list, i) => removeRow(list, i, `chỉ tiêu ${i + 1}`)}
            />
          </section>

          <section
            className="card review-section"
            aria-labelledby="emulation-title"
            data-path="emulation"
            tabIndex={-1}
          >
            <h2 id="emulation-title">Phong trào thi đua</h2>
            <EmulationEditor ctx={ctx} plan={plan} editPlan={editPlan} />
          </section>

          <section
            className="card review-section"
            aria-labelledby="cascade-title"
            data-path="superiorPlanIds"
            tabIndex={-1}
          >
            <h2 id="cascade-title">Kế hoạch cấp trên</h2>
            <p className="muted">
              Kế hoạch này thực hiện kế hoạch nào: theo các văn bản căn cứ, và nhiệm vụ nào thực hiện nhiệm vụ nào.
            </p>
            <CascadeEditor ctx={ctx} imp={imp} tasks={plan.tasks} review={review} editReview={editReview} />
          </section>
        </div>
      </div>
    </Page>
  );
}

export function ImportReviewPage() {
  const { id = "" } = useParams();
  const load = useLoad((signal) => getImport(id, signal), [id]);
  if (load.status === "error" && !load.data) {
    return (
      <Page title="Rà soát văn bản">
        <EmptyState
          icon="search"
          title="Không mở được bản nhập"
          action={<Link to="/ke-hoach/nhap">Về danh sách văn bản đã nhập</Link>}
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
  return <Review key={id} initial={load.data} />;
}
