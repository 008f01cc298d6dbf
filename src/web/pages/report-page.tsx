/**
 * A unit's progress report for one period (UX.md, screen 6): one block per task (status, % done, kết quả, khó khăn,
 * kiến nghị, evidence), autosaved with a visible "Đã lưu lúc 14:32"; a conflict shows both versions instead of
 * overwriting; then the workflow: nộp → (lãnh đạo duyệt) → tiếp nhận or trả lại.
 */
import { type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import type { ReportItemDto, ReportItemStatusName, UnitReportDto } from "../../server/api-types.js";
import { errorMessage } from "../api/client.js";
import {
  conflictCurrent,
  deleteEvidence,
  evidenceUrl,
  getReport,
  ITEM_STATUS_LABELS,
  type ReportKey,
  type SaveItem,
  saveReport,
  type Transition,
  transitionReport,
  unitCalendarUrl,
  uploadEvidence,
  uploadReportXlsx,
  xlsxUrl,
} from "../api/reports.js";
import { DateInput } from "../components/date-input.js";
import { EmptyState } from "../components/empty-state.js";
import { Page } from "../components/page.js";
import { formatDate, formatDateTime, formatNumber, formatTime, parsePercent } from "../format.js";
import { useLoad } from "../use-load.js";
import { planPath } from "./plans-page.js";

const AUTOSAVE_MS = 1500;

interface Draft {
  summary: string;
  difficulties: string;
  proposals: string;
  items: Record<string, SaveItem>;
}

function draftOf(r: UnitReportDto): Draft {
  const items: Record<string, SaveItem> = {};
  for (const it of r.items) {
    items[it.taskId] = {
      taskId: it.taskId,
      status: it.status,
      percent: it.percent,
      result: it.result,
      difficulties: it.difficulties,
      proposals: it.proposals,
      completedOn: it.completedOn,
    };
  }
  return { summary: r.summary ?? "", difficulties: r.difficulties ?? "", proposals: r.proposals ?? "", items };
}

const blankToNull = (s: string | null) => (s?.trim() ? s : null);

/** A report still to send whose due date is this close (days) gets a "Còn N ngày" banner. */
export const DUE_SOON_DAYS = 7;

export interface DueNotice {
  tone: "overdue" | "today" | "soon";
  text: string;
}

/**
 * The due-date banner of a report the unit can still send (no lock, plan in force, not yet submitted):
 * "Đã quá hạn nộp 5 ngày (hạn nộp 15/12/2025)", "Hạn nộp là hôm nay (15/12/2025)", "Còn 3 ngày (hạn nộp 15/12/2025)";
 * null when there is nothing to flag. `daysLeft` is the server's (Vietnam time), as in the "Báo cáo" lists.
 */
export function dueNotice(r: {
  lockedReason: string | null;
  period: { dueDate: string; daysLeft: number };
}): DueNotice | null {
  if (r.lockedReason) return null;
  const { daysLeft, dueDate } = r.period;
  const due = formatDate(dueDate);
  if (daysLeft < 0) return { tone: "overdue", text: `Đã quá hạn nộp ${formatNumber(-daysLeft)} ngày (hạn nộp ${due})` };
  if (daysLeft === 0) return { tone: "today", text: `Hạn nộp là hôm nay (${due})` };
  if (daysLeft <= DUE_SOON_DAYS) return { tone: "soon", text: `Còn ${formatNumber(daysLeft)} ngày (hạn nộp ${due})` };
  return null;
}

/** The notice of a report that cannot be changed, with the coordinator's reason when the period is locked. */
function BlockedNotice({ report }: { report: UnitReportDto }) {
  if (!report.lockedReason) return null;
  const lockReason = report.period.locked ? report.period.lockReason : null;
  return (
    <div className="notice" role="status">
      <p>{report.lockedReason}</p>
      {lockReason ? (
        <p>
          <strong>Lý do khóa:</strong> {lockReason}
        </p>
      ) : null}
    </div>
  );
}

type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "error"; message: string }
  | { kind: "conflict"; current: UnitReportDto };

const REPORT_STATUS_CLASS: Record<string, string> = {
  draft: "chip-not-started",
  submitted: "chip-in-progress",
  approved: "chip-recurring",
  accepted: "chip-done-on-time",
  returned: "chip-overdue",
};

function PercentField({
  id,
  value,
  disabled,
  onChange,
}: {
  id: string;
  value: number | null;
  disabled: boolean;
  onChange(v: number | null): void;
}) {
  const [text, setText] = useState(value === null ? "" : formatNumber(value));
  const [invalid, setInvalid] = useState(false);
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        className="input-percent"
        value={text}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-err` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const v = parsePercent(e.target.value);
          setInvalid(v === undefined);
          if (v !== undefined) onChange(v);
        }}
      />
      {invalid ? (
        <p className="field-error" id={`${id}-err`}>
          Nhập số từ 0 đến 100.
        </p>
      ) : null}
    </>
  );
}

function ItemEditor({
  item,
  value,
  editable,
  reportKey,
  onChange,
  onEvidenceChange,
}: {
  item: ReportItemDto;
  value: SaveItem;
  editable: boolean;
  reportKey: ReportKey;
  onChange(next: SaveItem): void;
  onEvidenceChange(): void;
}) {
  const id = useId();
  const [uploading, setUploading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const set = <K extends keyof SaveItem>(k: K, v: SaveItem[K]) => onChange({ ...value, [k]: v });
  const hasMore = !!(value.difficulties || value.proposals);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setUploading(true);
    setFileError(null);
    try {
      await uploadEvidence(reportKey, item.taskId, file);
      onEvidenceChange();
    } catch (err) {
      setFileError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  }

  async function onDelete(fileId: string) {
    setFileError(null);
    try {
      await deleteEvidence(reportKey, fileId);
      onEvidenceChange();
    } catch (err) {
      setFileError(errorMessage(err));
    }
  }

  return (
    <article className="card report-item" aria-labelledby={`${id}-title`}>
      <header className="report-item-head">
        <h3 id={`${id}-title`}>
          {item.ref ? <span className="task-ref">{item.ref}. </span> : null}
          {item.title}
        </h3>
        <p className="muted report-item-meta">
          {item.role === "lead" ? "Đơn vị chủ trì" : "Đơn vị phối hợp"}
          {item.dueDate ? ` · Hạn ${formatDate(item.dueDate)}` : ""}
        </p>
      </header>
      <div className="report-grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>Tình trạng</label>
          <select
            id={`${id}-status`}
            value={value.status}
            disabled={!editable}
            onChange={(e) => {
              const status = e.target.value as ReportItemStatusName;
              onChange({ ...value, status, percent: status === "done" ? 100 : value.percent });
            }}
          >
            {(Object.keys(ITEM_STATUS_LABELS) as ReportItemStatusName[]).map((s) => (
              <option key={s} value={s}>
                {ITEM_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-percent`}>Tỷ lệ hoàn thành (%)</label>
          <PercentField
            key={value.status === "done" ? "done" : "open"}
            id={`${id}-percent`}
            value={value.percent}
            disabled={!editable}
            onChange={(v) => set("percent", v)}
          />
        </div>
        {value.status === "done" ? (
          <div className="field">
            <label htmlFor={`${id}-done`}>Ngày hoàn thành</label>
            {editable ? (
              <DateInput
                id={`${id}-done`}
                value={value.completedOn ?? ""}
                onChange={(v) => set("completedOn", v || null)}
              />
            ) : (
              <input id={`${id}-done`} type="text" disabled value={formatDate(value.completedOn)} />
            )}
          </div>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-result`}>Kết quả thực hiện</label>
        <textarea
          id={`${id}-result`}
          rows={3}
          value={value.result ?? ""}
          disabled={!editable}
          onChange={(e) => set("result", e.target.value)}
        />
      </div>
      <details className="report-more" open={hasMore}>
        <summary>Khó khăn, vướng mắc và kiến nghị</summary>
        <div className="field">
          <label htmlFor={`${id}-diff`}>Khó khăn, vướng mắc</label>
          <textarea
            id={`${id}-diff`}
            rows={2}
            value={value.difficulties ?? ""}
            disabled={!editable}
            onChange={(e) => set("difficulties", e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-prop`}>Kiến nghị</label>
          <textarea
            id={`${id}-prop`}
            rows={2}
            value={value.proposals ?? ""}
            disabled={!editable}
            onChange={(e) => set("proposals", e.target.value)}
          />
        </div>
      </details>
      <div className="evidence">
        <p className="field-label">Minh chứng</p>
        {item.evidence.length === 0 ? <p className="muted">Chưa có tệp minh chứng.</p> : null}
        <ul className="plain-list evidence-list">
          {item.evidence.map((f) => (
            <li key={f.id} className="evidence-file">
              <a href={evidenceUrl(reportKey, f.id)} download={f.fileName}>
                {f.fileName}
              </a>
              <span className="muted"> · {formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB</span>
              {editable ? (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Xóa minh chứng ${f.fileName}`}
                  onClick={() => onDelete(f.id)}
                >
                  Xóa
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {editable ? (
          <label className="file-button">
            <input
              type="file"
              accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
              disabled={uploading}
              onChange={(e) => {
                void onFile(e.target.files?.[0]);
                e.target.value = "";
              }}
            />
            {uploading ? "Đang tải lên…" : "Đính kèm tệp (PDF, DOCX, XLSX, JPG, PNG; tối đa 20 MB)"}
          </label>
        ) : null}
        {fileError ? (
          <p className="field-error" role="alert">
            {fileError}
          </p>
        ) : null}
      </div>
    </article>
  );
}

function differences(mine: Draft, theirs: UnitReportDto): { label: string; mine: string; theirs: string }[] {
  const out: { label: string; mine: string; theirs: string }[] = [];
  const cmp = (label: string, a: string | null | undefined, b: string | null | undefined) => {
    if ((a ?? "").trim() !== (b ?? "").trim())
      out.push({ label, mine: a?.trim() || "(trống)", theirs: b?.trim() || "(trống)" });
  };
  cmp("Tóm tắt kết quả", mine.summary, theirs.summary);
  cmp("Khó khăn, vướng mắc chung", mine.difficulties, theirs.difficulties);
  cmp("Kiến nghị chung", mine.proposals, theirs.proposals);
  for (const it of theirs.items) {
    const m = mine.items[it.taskId];
    if (!m) continue;
    const name = it.ref ? `Nhiệm vụ ${it.ref}` : it.title.slice(0, 60);
    cmp(`${name} — tình trạng`, ITEM_STATUS_LABELS[m.status], ITEM_STATUS_LABELS[it.status]);
    cmp(
      `${name} — tỷ lệ`,
      m.percent === null ? "" : `${formatNumber(m.percent)}%`,
      it.percent === null ? "" : `${formatNumber(it.percent)}%`,
    );
    cmp(`${name} — kết quả`, m.result, it.result);
    cmp(`${name} — khó khăn`, m.difficulties, it.difficulties);
    cmp(`${name} — kiến nghị`, m.proposals, it.proposals);
  }
  return out;
}

function ReportForm({ initial, reportKey }: { initial: UnitReportDto; reportKey: ReportKey }) {
  const [report, setReport] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [busy, setBusy] = useState<Transition | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Transition | null>(null);
  const [comment, setComment] = useState("");
  const [xlsxBusy, setXlsxBusy] = useState(false);
  const [xlsxError, setXlsxError] = useState<string | null>(null);
  const edits = useRef(0);
  const saved = useRef(0);
  const saving = useRef<Promise<boolean> | null>(null);
  const reportRef = useRef(report);
  reportRef.current = report;
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const ids = { summary: useId(), diff: useId(), prop: useId(), comment: useId() };
  const conflictRef = useRef<HTMLElement>(null);

  const editable = report.abilities.edit && !report.lockedReason;
  const due = dueNotice(report);

  const doSave = useCallback(async (): Promise<boolean> => {
    if (saving.current) await saving.current;
    if (edits.current === saved.current) return true;
    const run = (async () => {
      const seq = edits.current;
      const d = draftRef.current;
      setSave({ kind: "saving" });
      try {
        const res = await saveReport(reportKey, {
          version: reportRef.current.version,
          summary: blankToNull(d.summary),
          difficulties: blankToNull(d.difficulties),
          proposals: blankToNull(d.proposals),
          items: Object.values(d.items).map((i) => ({
            ...i,
            result: blankToNull(i.result),
            difficulties: blankToNull(i.difficulties),
            proposals: blankToNull(i.proposals),
          })),
        });
        setReport(res);
        reportRef.current = res;
        saved.current = seq;
        setSave({ kind: "saved", at: res.updatedAt ? new Date(res.updatedAt) : new Date() });
        return true;
      } catch (err) {
        const current = conflictCurrent(err);
        setSave(current ? { kind: "conflict", current } : { kind: "error", message: errorMessage(err) });
        return false;
      }
    })();
    saving.current = run;
    try {
      return await run;
    } finally {
      saving.current = null;
    }
  }, [reportKey]);

  // Autosave shortly after the last keystroke (each draft change restarts the timer); paused during a conflict.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `draft` is the trigger, read through draftRef
  useEffect(() => {
    if (edits.current === saved.current || save.kind === "conflict" || !editable) return;
    const t = setTimeout(() => void doSave(), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [draft, save.kind, editable, doSave]);

  // Leaving with unsaved changes asks first (the browser shows its own wording).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (edits.current !== saved.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);

  function change(update: (d: Draft) => Draft) {
    edits.current += 1;
    setDraft((d) => update(d));
  }

  async function refreshAfterEvidence() {
    try {
      const fresh = await getReport(reportKey);
      // Keep what the user typed; take the new evidence lists and (for a report just created) the version.
      setReport((r) => ({
        ...r,
        id: fresh.id,
        version: r.version === 0 ? fresh.version : r.version,
        items: r.items.map((it) => ({
          ...it,
          evidence: fresh.items.find((f) => f.taskId === it.taskId)?.evidence ?? it.evidence,
        })),
      }));
    } catch {
      // The upload itself succeeded; the list catches up on the next load.
    }
  }

  async function act(action: Transition) {
    setActionError(null);
    if (action === "return" && !comment.trim()) {
      setActionError("Vui lòng ghi ý kiến để đơn vị biết cần sửa gì.");
      return;
    }
    setBusy(action);
    try {
      if (action === "submit" && !(await doSave())) {
        setBusy(null);
        return;
      }
      const res = await transitionReport(reportKey, action, {
        version: reportRef.current.version,
        ...(action === "accept" || action === "return" ? { comment: comment.trim() || null } : {}),
      });
      setReport(res);
      reportRef.current = res;
      setDraft(draftOf(res));
      edits.current = 0;
      saved.current = 0;
      setConfirming(null);
      setComment("");
      setSave({ kind: "idle" });
    } catch (err) {
      const current = conflictCurrent(err);
      if (current) setSave({ kind: "conflict", current });
      else setActionError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  async function onXlsx(file: File | undefined) {
    if (!file) return;
    setXlsxError(null);
    setXlsxBusy(true);
    try {
      if (!(await doSave())) return;
      const res = await uploadReportXlsx(reportKey, file);
      setReport(res);
      reportRef.current = res;
      setDraft(draftOf(res));
      edits.current = 0;
      saved.current = 0;
      setSave({ kind: "saved", at: res.updatedAt ? new Date(res.updatedAt) : new Date() });
    } catch (err) {
      const current = conflictCurrent(err);
      if (current) setSave({ kind: "conflict", current });
      else setXlsxError(`Không áp dụng được tệp XLSX: ${errorMessage(err)}`);
    } finally {
      setXlsxBusy(false);
    }
  }

  function keepMine(current: UnitReportDto) {
    setReport((r) => ({ ...r, version: current.version }));
    reportRef.current = { ...reportRef.current, version: current.version };
    setSave({ kind: "idle" });
    void doSave();
  }

  function takeTheirs(current: UnitReportDto) {
    setReport(current);
    reportRef.current = current;
    setDraft(draftOf(current));
    edits.current = 0;
    saved.current = 0;
    setSave({ kind: "idle" });
  }

  const groups: { key: string; title: string | null; items: ReportItemDto[] }[] = [];
  for (const it of report.items) {
    const key = it.groupRef ?? it.groupTitle ?? "";
    let g = groups.find((x) => x.key === key);
    if (!g) {
      g = { key, title: it.groupTitle ? `${it.groupRef ? `${it.groupRef}. ` : ""}${it.groupTitle}` : null, items: [] };
      groups.push(g);
    }
    g.items.push(it);
  }

  const status = (
    <span className={`chip ${REPORT_STATUS_CLASS[report.status] ?? "chip-not-started"}`}>{report.statusLabel}</span>
  );
  let saveText: ReactNode = null;
  if (save.kind === "saving") saveText = "Đang lưu…";
  else if (save.kind === "saved") saveText = `Đã lưu lúc ${formatTime(save.at)}`;
  else if (save.kind === "error") saveText = <span className="field-error">Chưa lưu được: {save.message}</span>;
  else if (save.kind === "conflict")
    saveText = (
      <span className="field-error">
        Chưa lưu: người khác vừa lưu báo cáo.{" "}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            conflictRef.current?.scrollIntoView({ block: "start" });
            conflictRef.current?.focus();
          }}
        >
          So sánh và chọn bản
        </button>
      </span>
    );
  else if (report.updatedAt) saveText = `Lưu lần cuối ${formatDateTime(report.updatedAt)}`;

  return (
    <Page
      title={`Báo cáo ${report.period.label}`}
      lead={
        <>
          {report.unitName} · <Link to={planPath(report.planId)}>{report.planNumber ?? "Kế hoạch"}</Link>:{" "}
          {report.planTitle}
        </>
      }
      before={
        <nav className="breadcrumb" aria-label="Vị trí">
          <ol>
            <li>
              <Link to="/bao-cao">Báo cáo</Link>
            </li>
            <li>
              <span aria-current="page">{report.period.label}</span>
            </li>
          </ol>
        </nav>
      }
    >
      <div className="report-bar card">
        <dl className="report-facts">
          <div>
            <dt>Trạng thái</dt>
            <dd>{status}</dd>
          </div>
          <div>
            <dt>Kỳ báo cáo</dt>
            <dd>
              {formatDate(report.period.startDate)} – {formatDate(report.period.endDate)}
            </dd>
          </div>
          <div>
            <dt>Hạn nộp</dt>
            <dd>{formatDate(report.period.dueDate)}</dd>
          </div>
          {report.submittedAt ? (
            <div>
              <dt>Đã nộp</dt>
              <dd>{formatDateTime(report.submittedAt)}</dd>
            </div>
          ) : null}
        </dl>
        <p className="save-state" aria-live="polite">
          {saveText}
        </p>
        <span className="form-actions">
          <a className="button" href={xlsxUrl(reportKey)} download>
            Tải XLSX để điền
          </a>
          <a
            className="button"
            href={unitCalendarUrl(report.unitId)}
            download="lich-bao-cao.ics"
            title="Tệp iCalendar: hạn nộp báo cáo và hạn hoàn thành nhiệm vụ của đơn vị, mở bằng ứng dụng lịch"
          >
            Lịch hạn nộp (iCalendar)
          </a>
          {editable ? (
            <label className="button file-input-button">
              <input
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                disabled={xlsxBusy}
                onChange={(e) => {
                  void onXlsx(e.target.files?.[0]);
                  e.target.value = "";
                }}
              />
              {xlsxBusy ? "Đang tải lên…" : "Tải lên XLSX đã điền"}
            </label>
          ) : null}
        </span>
      </div>

      {due ? (
        <div
          className={due.tone === "soon" ? "notice due-notice" : "alert alert-error due-notice"}
          role="status"
          data-tone={due.tone}
        >
          <p>
            {due.text}
            {due.tone === "overdue" && editable ? ". Đề nghị hoàn thiện và nộp báo cáo ngay." : null}
          </p>
        </div>
      ) : null}
      {xlsxError ? (
        <div className="alert alert-error" role="alert">
          {xlsxError}
        </div>
      ) : null}
      {report.status === "returned" && report.reviewComment ? (
        <div className="alert alert-error" role="status">
          <p>Báo cáo bị trả lại{report.reviewedAt ? ` ngày ${formatDate(report.reviewedAt)}` : ""}. Ý kiến:</p>
          <p className="review-comment">{report.reviewComment}</p>
        </div>
      ) : null}
      <BlockedNotice report={report} />

      {save.kind === "conflict" ? (
        <section
          ref={conflictRef}
          tabIndex={-1}
          className="alert alert-error conflict"
          role="alert"
          aria-labelledby="conflict-title"
        >
          <h2 id="conflict-title">Báo cáo vừa được người khác lưu</h2>
          <p>
            {save.current.updatedBy ? `${save.current.updatedBy} đã lưu` : "Đã có bản lưu mới"}
            {save.current.updatedAt ? ` lúc ${formatDateTime(save.current.updatedAt)}` : ""}. Thay đổi của anh/chị chưa
            được lưu và chưa ghi đè lên bản đó. So sánh rồi chọn bản giữ lại:
          </p>
          <div className="table-wrap">
            <table className="table responsive-table">
              <thead>
                <tr>
                  <th scope="col">Nội dung</th>
                  <th scope="col">Bản của anh/chị</th>
                  <th scope="col">Bản đã lưu</th>
                </tr>
              </thead>
              <tbody>
                {differences(draft, save.current).map((d) => (
                  <tr key={d.label}>
                    <th scope="row" data-label="Nội dung">
                      {d.label}
                    </th>
                    <td data-label="Bản của anh/chị">{d.mine}</td>
                    <td data-label="Bản đã lưu">{d.theirs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => keepMine(save.current)}>
              Giữ bản của tôi và lưu
            </button>
            <button type="button" className="button" onClick={() => takeTheirs(save.current)}>
              Dùng bản đã lưu
            </button>
          </div>
        </section>
      ) : null}

      {report.items.length === 0 ? (
        <EmptyState title="Kỳ này đơn vị không có nhiệm vụ phải báo cáo">
          <p>Đơn vị không chủ trì hay phối hợp nhiệm vụ nào của kế hoạch trong kỳ này.</p>
        </EmptyState>
      ) : null}

      {groups.map((g) => (
        <section key={g.key} className="report-group" aria-label={g.title ?? "Nhiệm vụ"}>
          {g.title ? <h2 className="report-group-title">{g.title}</h2> : null}
          {g.items.map((it) => (
            <ItemEditor
              key={it.taskId}
              item={it}
              value={draft.items[it.taskId]!}
              editable={editable}
              reportKey={reportKey}
              onChange={(next) => change((d) => ({ ...d, items: { ...d.items, [it.taskId]: next } }))}
              onEvidenceChange={() => void refreshAfterEvidence()}
            />
          ))}
        </section>
      ))}

      <section className="card report-summary" aria-labelledby="summary-title">
        <h2 id="summary-title">Đánh giá chung</h2>
        <div className="field">
          <label htmlFor={ids.summary}>Tóm tắt kết quả</label>
          <textarea
            id={ids.summary}
            rows={3}
            value={draft.summary}
            disabled={!editable}
            onChange={(e) => {
              const v = e.target.value;
              change((d) => ({ ...d, summary: v }));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.diff}>Khó khăn, vướng mắc</label>
          <textarea
            id={ids.diff}
            rows={2}
            value={draft.difficulties}
            disabled={!editable}
            onChange={(e) => {
              const v = e.target.value;
              change((d) => ({ ...d, difficulties: v }));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.prop}>Kiến nghị</label>
          <textarea
            id={ids.prop}
            rows={2}
            value={draft.proposals}
            disabled={!editable}
            onChange={(e) => {
              const v = e.target.value;
              change((d) => ({ ...d, proposals: v }));
            }}
          />
        </div>
      </section>

      <section className="report-actions" aria-label="Thao tác với báo cáo">
        {actionError ? (
          <div className="alert alert-error" role="alert">
            {actionError}
          </div>
        ) : null}
        {report.abilities.review && (report.status === "submitted" || report.status === "approved") ? (
          <div className="field review-field">
            <label htmlFor={ids.comment}>Ý kiến của cơ quan chủ trì (bắt buộc khi trả lại)</label>
            <textarea id={ids.comment} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
        ) : null}
        <div className="form-actions">
          {report.abilities.submit && (report.status === "draft" || report.status === "returned") ? (
            confirming === "submit" ? (
              <span className="confirm">
                <span>Nộp báo cáo? Sau khi nộp, báo cáo chỉ sửa được khi bị trả lại.</span>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy !== null}
                  onClick={() => act("submit")}
                >
                  {busy === "submit" ? "Đang nộp…" : "Nộp"}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(null)}>
                  Hủy
                </button>
              </span>
            ) : (
              <button type="button" className="button button-primary" onClick={() => setConfirming("submit")}>
                Nộp báo cáo
              </button>
            )
          ) : null}
          {report.abilities.approve && report.status === "submitted" ? (
            <button
              type="button"
              className="button button-primary"
              disabled={busy !== null}
              onClick={() => act("approve")}
            >
              {busy === "approve" ? "Đang duyệt…" : "Lãnh đạo duyệt"}
            </button>
          ) : null}
          {report.abilities.review && (report.status === "submitted" || report.status === "approved") ? (
            <>
              <button
                type="button"
                className="button button-primary"
                disabled={busy !== null}
                onClick={() => act("accept")}
              >
                {busy === "accept" ? "Đang tiếp nhận…" : "Tiếp nhận"}
              </button>
              <button
                type="button"
                className="button button-danger"
                disabled={busy !== null}
                onClick={() => act("return")}
              >
                {busy === "return" ? "Đang trả lại…" : "Trả lại"}
              </button>
            </>
          ) : null}
        </div>
      </section>
    </Page>
  );
}

export function ReportPage() {
  const { planId = "", periodId = "", unitId = "" } = useParams();
  const key = useMemo<ReportKey>(() => ({ planId, periodId, unitId }), [planId, periodId, unitId]);
  const load = useLoad((signal) => getReport({ planId, periodId, unitId }, signal), [planId, periodId, unitId]);
  if (load.status === "error" && !load.data) {
    return (
      <Page title="Báo cáo">
        <EmptyState
          icon="search"
          title="Không mở được báo cáo"
          action={
            <span className="form-actions">
              <button type="button" className="button" onClick={load.reload}>
                Thử lại
              </button>
              <Link className="button" to="/bao-cao">
                Về danh sách báo cáo
              </Link>
            </span>
          }
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
  // A new key (another report) starts a fresh form.
  return <ReportForm key={`${planId}/${periodId}/${unitId}`} initial={load.data} reportKey={key} />;
}
