/**
 * The cascade of the plan under review: the documents it cites, the plans of the system they name (chosen as the
 * superior plans it implements, or created as stubs when not in the system yet), and for each task the superior
 * plan's tasks with similar titles, to accept as its parent (with a weight in the roll-up) or reject.
 */
import { useEffect, useId, useState } from "react";
import { Link } from "react-router-dom";
import type { PlanTask } from "../../../core/plan-v1.js";
import type {
  ImportDto,
  ImportReviewDto,
  PlanRefDto,
  ReferenceMatchDto,
  TaskLinkSuggestionDto,
} from "../../../server/api-types.js";
import { errorMessage } from "../../api/client.js";
import { createStubPlan } from "../../api/imports.js";
import { listPlans, planNumberLabel } from "../../api/plans.js";
import { DateInput } from "../../components/date-input.js";
import { formatDate, formatPercent } from "../../format.js";
import { planPath } from "../plans-page.js";
import { type EditCtx, parseNumber } from "./fields.js";
import { taskName } from "./task-editor.js";

type EditReview = (update: (r: ImportReviewDto) => ImportReviewDto) => void;

/** The superior plans publishing links to when the coordinator chose no plan (nor "none"): references naming exactly one. */
export function automaticSuperiors(references: readonly ReferenceMatchDto[]): string[] {
  return references.flatMap((r) => (r.plans.length === 1 && r.plans[0] ? [r.plans[0].id] : []));
}

/** The superior plans publishing links to: the ones chosen, none when so said, else the automatic ones. */
export function effectiveSuperiors(review: ImportReviewDto, references: readonly ReferenceMatchDto[]): string[] {
  if (review.superiorPlanIds.length) return review.superiorPlanIds;
  return review.noSuperiorPlan ? [] : automaticSuperiors(references);
}

function refLabel(r: {
  docType: string | null;
  number: string | null;
  issuedAt: string | null;
  issuer: string | null;
}) {
  const parts = [r.docType, r.number ? `số ${r.number}` : null, r.issuedAt ? `ngày ${formatDate(r.issuedAt)}` : null];
  const head = parts.filter(Boolean).join(" ") || "Văn bản (không rõ số)";
  return r.issuer ? `${head} của ${r.issuer}` : head;
}

function planLabel(p: PlanRefDto): string {
  return `${planNumberLabel(p)} — ${p.title}`;
}

interface StubDraft {
  docType: string;
  number: string;
  issuedAt: string;
  issuer: string;
  title: string;
}

function StubForm({
  draft,
  busy,
  error,
  onChange,
  onSubmit,
  onCancel,
}: {
  draft: StubDraft;
  busy: boolean;
  error: string | null;
  onChange(d: StubDraft): void;
  onSubmit(): void;
  onCancel(): void;
}) {
  const id = useId();
  const text = (k: "docType" | "number" | "issuer" | "title", label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input
        id={`${id}-${k}`}
        type="text"
        value={draft[k]}
        required={k !== "title"}
        onChange={(e) => onChange({ ...draft, [k]: e.target.value })}
      />
    </div>
  );
  return (
    <form
      className="stub-form fieldset"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <p className="field-hint">
        Kế hoạch cấp trên chưa có trên hệ thống. Tạo bản tóm tắt để liên kết ngay; khi văn bản đó được nhập và ban hành,
        bản tóm tắt được thay thế.
      </p>
      <div className="task-grid">
        {text("docType", "Loại văn bản")}
        {text("number", "Số, ký hiệu")}
        <div className="field">
          <label htmlFor={`${id}-issuedAt`}>Ngày ban hành</label>
          <DateInput
            id={`${id}-issuedAt`}
            value={draft.issuedAt}
            onChange={(v) => onChange({ ...draft, issuedAt: v })}
          />
        </div>
        {text("issuer", "Cơ quan ban hành")}
        <div className="field-wide">{text("title", "Trích yếu (nếu biết)")}</div>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || !draft.docType.trim() || !draft.number.trim() || !draft.issuer.trim()}
        >
          {busy ? "Đang tạo…" : "Tạo bản tóm tắt"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function ReferenceItem({
  ctx,
  reference: r,
  chosen,
  onToggle,
  onCreated,
}: {
  ctx: EditCtx;
  reference: ReferenceMatchDto;
  chosen: ReadonlySet<string>;
  onToggle(plan: PlanRefDto): void;
  onCreated(plan: PlanRefDto): void;
}) {
  const [draft, setDraft] = useState<StubDraft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(d: StubDraft) {
    setBusy(true);
    setError(null);
    try {
      const plan = await createStubPlan({
        docType: d.docType.trim(),
        number: d.number.trim(),
        issuedAt: d.issuedAt || null,
        issuer: d.issuer.trim(),
        title: d.title.trim() || null,
      });
      setDraft(null);
      onCreated(plan);
    } catch (err) {
      setDraft(d);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="reference" data-path={`references.${r.index}`} tabIndex={-1}>
      <p className="reference-head">
        <strong>Căn cứ:</strong> {refLabel(r)}
      </p>
      {r.plans.length > 0 ? (
        <ul className="plain-list reference-plans" aria-label={`Kế hoạch trên hệ thống ứng với ${refLabel(r)}`}>
          {r.plans.map((p) => {
            const on = chosen.has(p.id);
            return (
              <li key={p.id} className="reference-plan">
                <span>
                  <Link to={planPath(p.id)}>{planLabel(p)}</Link>
                  {p.isStub ? <span className="chip chip-not-started">Bản tóm tắt</span> : null}
                </span>
                <button
                  type="button"
                  className={on ? "button button-primary button-small" : "button button-small"}
                  aria-pressed={on}
                  disabled={!ctx.editable}
                  onClick={() => onToggle(p)}
                >
                  {on ? "✓ Là kế hoạch cấp trên" : "Chọn làm kế hoạch cấp trên"}
                  <span className="visually-hidden">: {planLabel(p)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">Chưa có kế hoạch này trên hệ thống.</p>
      )}
      {r.canCreateStub && ctx.editable && !draft ? (
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => {
            const d: StubDraft = {
              docType: r.docType ?? "",
              number: r.number ?? "",
              issuedAt: r.issuedAt ?? "",
              issuer: r.issuer ?? "",
              title: "",
            };
            // Everything needed is in the reference: create at once; else ask for what is missing.
            if (d.docType && d.number && d.issuer) void create(d);
            else setDraft(d);
          }}
        >
          {busy ? "Đang tạo…" : "Tạo kế hoạch cấp trên (bản tóm tắt)"}
        </button>
      ) : null}
      {draft ? (
        <StubForm
          draft={draft}
          busy={busy}
          error={error}
          onChange={setDraft}
          onSubmit={() => void create(draft)}
          onCancel={() => {
            setDraft(null);
            setError(null);
          }}
        />
      ) : error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

function TaskLinkRow({
  ctx,
  task,
  suggestion,
  link,
  editReview,
}: {
  ctx: EditCtx;
  task: PlanTask;
  suggestion: TaskLinkSuggestionDto;
  link: ImportReviewDto["taskParents"][string] | undefined;
  editReview: EditReview;
}) {
  const id = useId();
  const i = suggestion.taskIndex;
  const key = String(i);
  const [weightText, setWeightText] = useState<string | null>(null);
  const set = (parent: { parentTaskId: string; weight: number } | null) =>
    editReview((r) => {
      const taskParents = { ...r.taskParents };
      if (parent) taskParents[key] = parent;
      else delete taskParents[key];
      return { ...r, taskParents };
    });
  const known = link ? suggestion.candidates.some((c) => c.taskId === link.parentTaskId) : true;
  const problem = ctx.problem(`tasks.${i}.parent`);
  const weightInvalid = weightText !== null && parseNumber(weightText, false) == null;
  const linkedTo = link ? suggestion.candidates.find((c) => c.taskId === link.parentTaskId) : undefined;
  const best = suggestion.candidates[0];
  return (
    <li className="task-link" data-path={`tasks.${i}.parent`} tabIndex={-1}>
      <details className="task-link-details" open={problem ? true : undefined}>
        <summary className="task-link-summary">
          <span className="task-link-title">
            {taskName(task, i)}: {task.title}
          </span>
          <span className={link ? "task-link-state is-linked" : "task-link-state muted"}>
            {link
              ? `✓ Thực hiện nhiệm vụ ${linkedTo?.ref ?? ""} của kế hoạch cấp trên${linkedTo ? ` (giống ${formatPercent(linkedTo.score * 100, 0)})` : ""}`
              : `Chưa liên kết · ${suggestion.candidates.length} gợi ý${best ? `, giống nhất ${formatPercent(best.score * 100, 0)}` : ""}`}
          </span>
          {problem ? <span className="field-error">{problem}</span> : null}
        </summary>
        <fieldset className="fieldset">
          <legend className="visually-hidden">Nhiệm vụ cấp trên mà {taskName(task, i).toLowerCase()} thực hiện</legend>
          <ul className="plain-list task-link-options">
            {suggestion.candidates.map((c) => (
              <li key={c.taskId}>
                <label className="checkbox">
                  <input
                    type="radio"
                    name={`${id}-parent`}
                    disabled={!ctx.editable}
                    checked={link?.parentTaskId === c.taskId}
                    onFocus={() => ctx.focus(`tasks.${i}.title`)}
                    onChange={() => set({ parentTaskId: c.taskId, weight: link?.weight ?? 1 })}
                  />
                  <span>
                    {c.ref ? `${c.ref}. ` : ""}
                    {c.title} <span className="confidence similarity">giống {formatPercent(c.score * 100, 0)}</span>
                  </span>
                </label>
              </li>
            ))}
            {!known && link ? (
              <li>
                <label className="checkbox">
                  <input type="radio" name={`${id}-parent`} disabled={!ctx.editable} checked readOnly />
                  <span>Nhiệm vụ cấp trên đã chọn trước đó (không còn trong gợi ý)</span>
                </label>
              </li>
            ) : null}
            <li>
              <label className="checkbox">
                <input
                  type="radio"
                  name={`${id}-parent`}
                  disabled={!ctx.editable}
                  checked={!link}
                  onChange={() => set(null)}
                />
                <span>Không liên kết</span>
              </label>
            </li>
          </ul>
          {link ? (
            <div className="field weight-field">
              <label htmlFor={`${id}-weight`}>Trọng số khi tổng hợp tiến độ</label>
              <input
                id={`${id}-weight`}
                type="text"
                inputMode="decimal"
                disabled={!ctx.editable}
                value={weightText ?? String(link.weight).replace(".", ",")}
                aria-invalid={weightInvalid ? true : undefined}
                onChange={(e) => {
                  setWeightText(e.target.value);
                  const n = parseNumber(e.target.value, false);
                  if (n != null && n >= 0 && n <= 1000) set({ ...link, weight: n });
                }}
                onBlur={() => {
                  if (!weightInvalid) setWeightText(null);
                }}
              />
              {weightInvalid ? <p className="field-error">Nhập một số từ 0 đến 1000, ví dụ 1 hoặc 0,5.</p> : null}
            </div>
          ) : null}
        </fieldset>
      </details>
    </li>
  );
}

/** Any published plan of the system, found by number or title (when no reference names it). */
function PlanSearch({ chosen, onPick }: { chosen: ReadonlySet<string>; onPick(plan: PlanRefDto): void }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<PlanRefDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      listPlans({ q: text, limit: 10, offset: 0 }, controller.signal).then(
        (page) => {
          setFailed(false);
          setResults(page.items.filter((p) => p.status !== "draft"));
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
  }, [q]);
  return (
    <details className="match-search">
      <summary>Chọn kế hoạch cấp trên khác trên hệ thống</summary>
      <div className="field">
        <label htmlFor={id}>Tìm theo số hoặc trích yếu</label>
        <input
          id={id}
          type="search"
          autoComplete="off"
          placeholder="Ví dụ: 82/KH-UBND"
          value={q}
          aria-describedby={`${id}-status`}
          onChange={(e) => setQ(e.target.value)}
        />
        <p className="field-hint" id={`${id}-status`} aria-live="polite">
          {failed
            ? "Không tải được danh sách kế hoạch."
            : results === null
              ? "Gõ ít nhất 2 ký tự để tìm."
              : results.length === 0
                ? "Không tìm thấy kế hoạch phù hợp."
                : `${results.length} kết quả:`}
        </p>
        {results && results.length > 0 ? (
          <ul className="plain-list reference-plans">
            {results.map((p) => (
              <li key={p.id} className="reference-plan">
                <span>
                  {planLabel(p)}
                  {p.isStub ? <span className="chip chip-not-started">Bản tóm tắt</span> : null}
                </span>
                <button
                  type="button"
                  className="button button-small"
                  disabled={chosen.has(p.id)}
                  onClick={() => onPick(p)}
                >
                  {chosen.has(p.id) ? "Đã chọn" : "Chọn"}
                  <span className="visually-hidden">: {planLabel(p)}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </details>
  );
}

export function CascadeEditor({
  ctx,
  imp,
  tasks,
  review,
  editReview,
}: {
  ctx: EditCtx;
  imp: ImportDto;
  tasks: readonly PlanTask[];
  review: ImportReviewDto;
  editReview: EditReview;
}) {
  const none = review.noSuperiorPlan && review.superiorPlanIds.length === 0;
  const effective = effectiveSuperiors(review, imp.references);
  const chosen = new Set(effective);
  const noneId = useId();
  const [created, setCreated] = useState<PlanRefDto[]>([]);
  const listed = new Set(imp.references.flatMap((r) => r.plans.map((p) => p.id)));
  const [threshold] = useState(0.6);

  // Choosing a plan ends "no superior plan"; unchoosing the last one goes back to the automatic choice.
  const toggle = (p: PlanRefDto) =>
    editReview((r) => {
      const base = effectiveSuperiors(r, imp.references);
      return {
        ...r,
        noSuperiorPlan: false,
        superiorPlanIds: base.includes(p.id) ? base.filter((x) => x !== p.id) : [...base, p.id],
      };
    });

  const suggestions = imp.taskLinks.filter((s) => s.candidates.length > 0 && tasks[s.taskIndex]);
  const linkedCount = Object.keys(review.taskParents).length;
  const acceptable = suggestions.filter(
    (s) => !review.taskParents[String(s.taskIndex)] && (s.candidates[0]?.score ?? 0) >= threshold,
  );

  return (
    <>
      {imp.references.length === 0 ? (
        <p className="muted">Văn bản không nêu văn bản căn cứ nào là kế hoạch.</p>
      ) : (
        <ul className="plain-list references">
          {imp.references.map((r) => (
            <ReferenceItem
              key={r.index}
              ctx={ctx}
              reference={r}
              chosen={chosen}
              onToggle={toggle}
              onCreated={(p) => {
                setCreated((c) => [...c, p]);
                if (!chosen.has(p.id)) toggle(p);
              }}
            />
          ))}
        </ul>
      )}
      <div className="field no-superior">
        <label className="checkbox" htmlFor={noneId}>
          <input
            id={noneId}
            type="checkbox"
            disabled={!ctx.editable}
            checked={none}
            aria-describedby={`${noneId}-hint`}
            onFocus={() => ctx.focus("superiorPlanIds")}
            onChange={(e) => {
              const on = e.target.checked;
              editReview((r) => ({ ...r, noSuperiorPlan: on, superiorPlanIds: on ? [] : r.superiorPlanIds }));
            }}
          />
          Không liên kết kế hoạch cấp trên
        </label>
        <p className="field-hint" id={`${noneId}-hint`}>
          Chọn khi kế hoạch cấp trên không có trên hệ thống, kể cả khi văn bản căn cứ nêu số trùng với một kế hoạch đã
          có.
        </p>
      </div>
      {ctx.editable ? (
        <PlanSearch
          chosen={chosen}
          onPick={(p) => {
            setCreated((c) => [...c, p]);
            if (!chosen.has(p.id)) toggle(p);
          }}
        />
      ) : null}
      {effective
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !listed.has(id))
        .map(({ id, i }) => {
          const p = created.find((c) => c.id === id);
          return (
            <p key={id} className="reference-plan" data-path={`superiorPlanIds.${i}`} tabIndex={-1}>
              <span>
                Kế hoạch cấp trên đã chọn: <Link to={planPath(id)}>{p ? planLabel(p) : "xem kế hoạch"}</Link>
                {p?.isStub ? <span className="chip chip-not-started">Bản tóm tắt</span> : null}
              </span>
              {ctx.editable ? (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() =>
                    editReview((r) => ({
                      ...r,
                      noSuperiorPlan: false,
                      superiorPlanIds: effective.filter((x) => x !== id),
                    }))
                  }
                >
                  Bỏ chọn
                </button>
              ) : null}
              {ctx.problem(`superiorPlanIds.${i}`) ? (
                <span className="field-error">{ctx.problem(`superiorPlanIds.${i}`)}</span>
              ) : null}
            </p>
          );
        })}
      <p className="field-hint">
        {none
          ? "Đã chọn không liên kết kế hoạch cấp trên: kế hoạch sẽ được ban hành độc lập."
          : effective.length === 0
            ? "Chưa chọn kế hoạch cấp trên: kế hoạch sẽ được ban hành độc lập."
            : review.superiorPlanIds.length === 0
              ? "Kế hoạch cấp trên được chọn tự động theo văn bản căn cứ."
              : "Bỏ chọn hết thì hệ thống lại chọn tự động theo văn bản căn cứ."}
      </p>

      <h3 className="subhead">Liên kết nhiệm vụ với kế hoạch cấp trên</h3>
      {none ? (
        <p className="muted">Không liên kết kế hoạch cấp trên nên nhiệm vụ cũng không được liên kết.</p>
      ) : effective.length === 0 ? (
        <p className="muted">Chọn kế hoạch cấp trên để xem gợi ý liên kết nhiệm vụ.</p>
      ) : suggestions.length === 0 ? (
        <p className="muted">
          Không có nhiệm vụ nào của kế hoạch cấp trên giống nhiệm vụ của kế hoạch này (kế hoạch cấp trên là bản tóm tắt
          thì chưa có nhiệm vụ).
        </p>
      ) : (
        <>
          <p className="field-hint">
            Gợi ý theo độ giống của nội dung nhiệm vụ. Đã liên kết {linkedCount}/{tasks.length} nhiệm vụ.
          </p>
          {ctx.editable && acceptable.length > 0 ? (
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                editReview((r) => {
                  const taskParents = { ...r.taskParents };
                  for (const s of acceptable) {
                    const best = s.candidates[0];
                    if (best && !taskParents[String(s.taskIndex)])
                      taskParents[String(s.taskIndex)] = { parentTaskId: best.taskId, weight: 1 };
                  }
                  return { ...r, taskParents };
                })
              }
            >
              Nhận {acceptable.length} gợi ý giống từ {formatPercent(threshold * 100, 0)} trở lên
            </button>
          ) : null}
          <ul className="plain-list task-links">
            {suggestions.map((s) => {
              const task = tasks[s.taskIndex];
              return task ? (
                <TaskLinkRow
                  key={s.taskIndex}
                  ctx={ctx}
                  task={task}
                  suggestion={s}
                  link={review.taskParents[String(s.taskIndex)]}
                  editReview={editReview}
                />
              ) : null;
            })}
          </ul>
        </>
      )}
    </>
  );
}
