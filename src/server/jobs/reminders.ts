/**
 * The reminders job: N days before a report is due, and once it is overdue, every reporter and leader of a unit that
 * has not submitted gets an in-app notification, an e-mail digest per unit, and chat integrations get a webhook POST.
 *
 * - Exactly one app server runs it at a time: a lease in job_locks, taken with one atomic upsert (repos/job-locks).
 * - Each reminder is sent once: notifications.dedupe_key is unique ("reminder:<kind>:<period>:<unit>:<user>"), and
 *   only the rows the run created are new. E-mails and webhook deliveries are recorded (emailed_at) after they
 *   succeed, so a failed send is retried next run and a sent one never repeats.
 * - The clock is injected (`now`), so tests and back-fills are deterministic.
 */
import { addDays, compareDates, daysBetween, formatDateVi, isoDateAt, isUnitExpected } from "../../core/index.js";
import type { Executor } from "../../store/db.js";
import { releaseLease, tryAcquireLease } from "../../store/repos/job-locks.js";
import {
  insertNotificationsOnce,
  listNotificationsToEmail,
  listUndeliveredUnitNotifications,
  markNotificationsEmailed,
  type NotificationInput,
} from "../../store/repos/notifications.js";
import {
  listAssignedUnitsOfPlans,
  listReportStatesForPeriods,
  listUnitRecipients,
} from "../../store/repos/overview.js";
import { type DuePeriodRow, listPeriodsDue } from "../../store/repos/periods.js";
import { getUnits } from "../../store/repos/units.js";
import {
  loadNotificationSettings,
  type NotificationSettingValues,
  postWebhook,
  smtpConfigOf,
} from "../services/notification-settings.js";
import type { SecretKeys } from "../services/secret-keys.js";
import { createMailer, type Mailer } from "./mailer.js";

export const REMINDER_JOB = "reminders";
export const REMINDER_KINDS = ["report_due_soon", "report_overdue"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
const WEBHOOK_KIND = "reminder_webhook";

/** How far back an overdue period is still reminded of. */
const OVERDUE_WINDOW_DAYS = 30;
/** Undelivered mail/webhooks older than this are given up. */
const RETRY_DAYS = 7;

export interface ReminderOptions {
  db: Executor;
  now: Date;
  /** Who runs (host:pid:random), for the lease. */
  holder: string;
  /**
   * The environment's notification settings. When given, each run reads the administrator's saved settings
   * (app_settings) over these, so a change applies from the next run; daysBefore/mailer/webhookUrl given here win.
   */
  defaults?: NotificationSettingValues;
  /** Keys to decrypt the saved SMTP password with (services/secret-keys). */
  secrets?: SecretKeys;
  /** Extra transport options for a mailer built from the settings (tests: `{ ignoreTLS: true }`). */
  mailerOptions?: Parameters<typeof createMailer>[1];
  /** Days before the due date to remind; default from the settings (3 without any). */
  daysBefore?: number;
  mailer?: Mailer | null;
  webhookUrl?: string | null;
  /** Base address for links in mail and webhook payloads. */
  publicUrl?: string | null;
  leaseMs?: number;
  fetchImpl?: typeof fetch;
  log?: { warn(obj: object, msg: string): void };
}

export interface ReminderRunResult {
  /** False when another server holds the lease, or when reminders are turned off (`disabled`). */
  ran: boolean;
  /** Reminders are turned off in the settings. */
  disabled?: boolean;
  created: number;
  emailed: number;
  webhookDelivered: number;
  errors: string[];
}

interface Due {
  kind: ReminderKind;
  period: DuePeriodRow;
  unitId: string;
  unitName: string;
  days: number;
}

function describe(d: Due): { title: string; body: string } {
  const plan = d.period.plan_number ? `Kế hoạch số ${d.period.plan_number}` : `kế hoạch “${d.period.plan_title}”`;
  const due = formatDateVi(d.period.due_date);
  if (d.kind === "report_due_soon") {
    const left = d.days === 0 ? "hạn là hôm nay" : `còn ${d.days} ngày`;
    return {
      title: `Sắp đến hạn nộp báo cáo ${d.period.label}`,
      body: `${d.unitName}: hạn nộp báo cáo ${d.period.label} của ${plan} là ngày ${due} (${left}).`,
    };
  }
  return {
    title: `Quá hạn nộp báo cáo ${d.period.label}`,
    body: `${d.unitName}: báo cáo ${d.period.label} của ${plan} đã quá hạn ${-d.days} ngày (hạn nộp ${due}) mà chưa nộp.`,
  };
}

const linkOf = (d: Due) => `/reports/${d.period.plan_id}/${d.period.id}/${d.unitId}`;

/** What is due soon or overdue and not submitted, per unit: a fixed number of queries. */
async function findDue(db: Executor, today: string, daysBefore: number): Promise<Due[]> {
  const periods = await listPeriodsDue(db, {
    from: addDays(today, -OVERDUE_WINDOW_DAYS),
    to: addDays(today, daysBefore),
  });
  if (!periods.length) return [];
  const [assigned, reports] = await Promise.all([
    listAssignedUnitsOfPlans(db, [...new Set(periods.map((p) => p.plan_id))]),
    listReportStatesForPeriods(
      db,
      periods.map((p) => p.id),
    ),
  ]);
  const units = new Map((await getUnits(db, [...new Set(assigned.map((a) => a.unit_id))])).map((u) => [u.id, u]));
  const submitted = new Set(
    reports
      .filter((r) => r.status === "submitted" || r.status === "approved" || r.status === "accepted")
      .map((r) => `${r.period_id}|${r.unit_id}`),
  );
  const unitsOfPlan = new Map<string, string[]>();
  for (const a of assigned) unitsOfPlan.set(a.plan_id, [...(unitsOfPlan.get(a.plan_id) ?? []), a.unit_id]);
  const out: Due[] = [];
  for (const p of periods) {
    const days = daysBetween(today, p.due_date);
    const kind: ReminderKind = compareDates(p.due_date, today) < 0 ? "report_overdue" : "report_due_soon";
    for (const unitId of unitsOfPlan.get(p.plan_id) ?? []) {
      const unit = units.get(unitId);
      if (!unit || submitted.has(`${p.id}|${unitId}`)) continue;
      const rateUnit = { unitId, validFrom: unit.valid_from, validTo: unit.valid_to };
      if (!isUnitExpected(rateUnit, { periodId: p.id, start: p.start_date, end: p.end_date, due: p.due_date }))
        continue;
      out.push({ kind, period: p, unitId, unitName: unit.name, days });
    }
  }
  return out;
}

async function sendEmails(o: ResolvedOptions, result: ReminderRunResult): Promise<void> {
  if (!o.mailer) return;
  const since = new Date(o.now.getTime() - RETRY_DAYS * 86_400_000).toISOString();
  const pending = await listNotificationsToEmail(o.db, { kinds: REMINDER_KINDS, since });
  // One digest per person per unit.
  const digests = new Map<string, typeof pending>();
  for (const n of pending) {
    const key = `${n.user_id}|${n.unit_id ?? ""}`;
    digests.set(key, [...(digests.get(key) ?? []), n]);
  }
  for (const list of digests.values()) {
    const first = list[0]!;
    const unitName = first.unit_name ?? "đơn vị";
    const lines = list.map(
      (n) => `• ${n.body ?? n.title}${n.link && o.publicUrl ? `\n  ${o.publicUrl}${n.link}` : ""}`,
    );
    try {
      await o.mailer.send({
        to: first.email,
        subject: `[tiendo] Nhắc nộp báo cáo — ${unitName} (${list.length} báo cáo)`,
        text: [
          `Kính gửi ${first.display_name},`,
          "",
          `${unitName} có ${list.length} báo cáo tiến độ cần nộp:`,
          "",
          ...lines,
          "",
          "Đây là thư tự động từ hệ thống theo dõi tiến độ tiendo; vui lòng không trả lời thư này.",
        ].join("\n"),
      });
      await markNotificationsEmailed(
        o.db,
        list.map((n) => n.id),
        o.now.toISOString(),
      );
      result.emailed += list.length;
    } catch (err) {
      const msg = `Gửi thư nhắc tới ${first.email} thất bại: ${err instanceof Error ? err.message : String(err)}`;
      result.errors.push(msg);
      o.log?.warn({ err }, msg);
    }
  }
}

async function deliverWebhook(o: ResolvedOptions, result: ReminderRunResult): Promise<void> {
  if (!o.webhookUrl) return;
  const since = new Date(o.now.getTime() - RETRY_DAYS * 86_400_000).toISOString();
  const pending = await listUndeliveredUnitNotifications(o.db, { kind: WEBHOOK_KIND, since });
  if (!pending.length) return;
  const byUnit = new Map<string, typeof pending>();
  for (const n of pending) byUnit.set(n.unit_id ?? "", [...(byUnit.get(n.unit_id ?? "") ?? []), n]);
  const payload = {
    type: "tiendo.reminders",
    generatedAt: o.now.toISOString(),
    text: `Nhắc nộp báo cáo: ${byUnit.size} đơn vị, ${pending.length} báo cáo chưa nộp.`,
    units: [...byUnit.entries()].map(([unitId, list]) => ({
      unitId,
      unitName: list[0]!.unit_name,
      reminders: list.map((n) => ({
        title: n.title,
        text: n.body,
        link: n.link && o.publicUrl ? `${o.publicUrl}${n.link}` : n.link,
      })),
    })),
  };
  try {
    await postWebhook(o.webhookUrl, payload, { fetchImpl: o.fetchImpl });
    await markNotificationsEmailed(
      o.db,
      pending.map((n) => n.id),
      o.now.toISOString(),
    );
    result.webhookDelivered += pending.length;
  } catch (err) {
    const msg = `Gửi webhook nhắc báo cáo thất bại: ${err instanceof Error ? err.message : String(err)}`;
    result.errors.push(msg);
    o.log?.warn({ err }, msg);
  }
}

type ResolvedOptions = ReminderOptions & { daysBefore: number; mailer: Mailer | null; webhookUrl: string | null };

/** The settings in force for this run: explicit options, else saved settings over the environment's defaults. */
async function resolveOptions(
  o: ReminderOptions,
): Promise<{ run: ResolvedOptions; enabled: boolean; own: Mailer | null; problem: string | null }> {
  const s = o.defaults ? await loadNotificationSettings(o.db, o.defaults, o.secrets) : undefined;
  let own: Mailer | null = null;
  let problem: string | null = null;
  if (o.mailer === undefined && s) {
    const smtp = smtpConfigOf(s);
    // A saved password that cannot be decrypted: no mail this run (in-app reminders still go), and say why.
    if (smtp?.user && s.smtpPasswordError) problem = s.smtpPasswordError;
    else if (smtp?.from) own = createMailer(smtp, o.mailerOptions);
  }
  return {
    run: {
      ...o,
      daysBefore: o.daysBefore ?? s?.daysBefore ?? 3,
      mailer: o.mailer !== undefined ? o.mailer : own,
      webhookUrl: o.webhookUrl !== undefined ? o.webhookUrl : (s?.webhookUrl ?? null),
    },
    enabled: s?.remindersEnabled ?? true,
    own,
    problem,
  };
}

/** One run of the job. Safe to call from every server at once and as often as wanted. */
export async function runReminders(options: ReminderOptions): Promise<ReminderRunResult> {
  const result: ReminderRunResult = { ran: false, created: 0, emailed: 0, webhookDelivered: 0, errors: [] };
  const lease = await tryAcquireLease(
    options.db,
    REMINDER_JOB,
    options.holder,
    options.now,
    options.leaseMs ?? 10 * 60_000,
  );
  if (!lease) return result;
  let own: Mailer | null = null;
  try {
    const resolved = await resolveOptions(options);
    own = resolved.own;
    if (!resolved.enabled) {
      result.disabled = true;
      return result;
    }
    result.ran = true;
    if (resolved.problem) {
      result.errors.push(resolved.problem);
      options.log?.warn({}, resolved.problem);
    }
    const o = resolved.run;
    const today = isoDateAt(o.now);
    const due = await findDue(o.db, today, o.daysBefore);
    const recipients = await listUnitRecipients(o.db, [...new Set(due.map((d) => d.unitId))]);
    const byUnit = new Map<string, typeof recipients>();
    for (const r of recipients) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
    const inputs: NotificationInput[] = [];
    for (const d of due) {
      const { title, body } = describe(d);
      for (const r of byUnit.get(d.unitId) ?? []) {
        inputs.push({
          user_id: r.user_id,
          unit_id: d.unitId,
          kind: d.kind,
          title,
          body,
          link: linkOf(d),
          dedupe_key: `reminder:${d.kind}:${d.period.id}:${d.unitId}:${r.user_id}`,
        });
      }
      if (o.webhookUrl) {
        inputs.push({
          user_id: null,
          unit_id: d.unitId,
          kind: WEBHOOK_KIND,
          title,
          body,
          link: linkOf(d),
          dedupe_key: `webhook:${d.kind}:${d.period.id}:${d.unitId}`,
        });
      }
    }
    const created = await insertNotificationsOnce(o.db, inputs, o.now.toISOString());
    result.created = created.filter((n) => n.user_id !== null).length;
    await sendEmails(o, result);
    await deliverWebhook(o, result);
  } finally {
    own?.close();
    await releaseLease(options.db, REMINDER_JOB, options.holder);
  }
  return result;
}
