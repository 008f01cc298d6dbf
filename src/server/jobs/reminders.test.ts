import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLease, releaseLease, tryAcquireLease } from "../../store/repos/job-locks.js";
import { describeEachEngine } from "../../store/testing.js";
import type { NotificationDto, NotificationListDto } from "../api-types.js";
import { buildTestApp } from "../test/factories.js";
import { makeReportingWorld, type ReportingWorld, reportAndAccept } from "../test/reporting.js";
import { createMailer, type Mailer } from "./mailer.js";
import { REMINDER_JOB, type ReminderOptions, runReminders } from "./reminders.js";

interface Mail {
  to: string[];
  data: string;
}

describeEachEngine("reminders job", (getDb) => {
  let smtp: SMTPServer;
  let hook: http.Server;
  let app: FastifyInstance;
  let mailer: Mailer;
  let w: ReportingWorld;
  let hookUrl = "";
  const mails: Mail[] = [];
  const hooks: { type: string; units: { unitId: string; reminders: { title: string }[] }[] }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    mailer = createMailer(
      {
        host: "127.0.0.1",
        port: smtpPort,
        secure: false,
        user: undefined,
        password: undefined,
        from: "tiendo@example.gov.vn",
      },
      { ignoreTLS: true },
    );
    hook = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        hooks.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", () => resolve()));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    app = await buildTestApp(getDb());
    w = await makeReportingWorld(getDb(), { emails: true });
  });
  afterAll(async () => {
    mailer?.close();
    await app?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  const options = (now: string, extra: Partial<ReminderOptions> = {}): ReminderOptions => ({
    db: getDb().db,
    now: new Date(now),
    holder: "server-1",
    daysBefore: 3,
    mailer,
    webhookUrl: hookUrl,
    publicUrl: "https://tiendo.myhao.gov.vn",
    ...extra,
  });
  const mailsTo = (email: string | null) => mails.filter((m) => m.to.includes(email ?? "")).length;

  it("reminds every reporter and leader of units that have not reported, by mail and webhook, once", async () => {
    // 13/3/2025: Quý I is due on 15/3, within 3 days; nobody has submitted.
    const r1 = await runReminders(options("2025-03-13T02:00:00Z"));
    expect(r1).toMatchObject({ ran: true, created: 3, emailed: 3, webhookDelivered: 2, errors: [] });
    expect(mailsTo(w.reporterA.user.email)).toBe(1);
    expect(mailsTo(w.leaderA.user.email)).toBe(1);
    expect(mailsTo(w.reporterB.user.email)).toBe(1);
    expect(mailsTo(w.coordinator.user.email)).toBe(0);
    expect(mails[0]!.data).toMatch(/^Subject: /m);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.type).toBe("tiendo.reminders");
    expect(hooks[0]!.units.map((u) => u.unitId).sort()).toEqual([w.unitA.id, w.unitB.id].sort());
    expect(hooks[0]!.units[0]!.reminders[0]!.title).toBe("Sắp đến hạn nộp báo cáo Quý I/2025");

    // The same day again, and from another server: nothing new.
    const r2 = await runReminders(options("2025-03-13T08:00:00Z", { holder: "server-2" }));
    expect(r2).toMatchObject({ ran: true, created: 0, emailed: 0, webhookDelivered: 0 });
    expect(mails).toHaveLength(3);
    expect(hooks).toHaveLength(1);
  });

  it("reminds of overdue reports only for units that still have not submitted", async () => {
    await reportAndAccept(
      getDb(),
      w,
      w.unitA,
      0,
      w.taskIds.map((taskId) => ({ taskId, status: "in_progress" as const, percent: 10 })),
      { submit: "2025-03-14T02:00:00Z", accept: null },
    );
    const r = await runReminders(options("2025-03-20T02:00:00Z"));
    expect(r).toMatchObject({ ran: true, created: 1, emailed: 1, webhookDelivered: 1 });
    expect(mailsTo(w.reporterB.user.email)).toBe(2);
    expect(hooks.at(-1)!.units.map((u) => u.unitId)).toEqual([w.unitB.id]);
    expect(hooks.at(-1)!.units[0]!.reminders[0]!.title).toBe("Quá hạn nộp báo cáo Quý I/2025");
    expect((await runReminders(options("2025-03-21T02:00:00Z"))).created).toBe(0);
  });

  it("retries mail that failed, and only that", async () => {
    const failing: Mailer = {
      send: async () => {
        throw new Error("550 hộp thư đầy");
      },
      close: () => {},
    };
    // 12/6/2025: Quý II due 15/6 → three new reminders; the mail server is down.
    const r1 = await runReminders(options("2025-06-12T02:00:00Z", { mailer: failing }));
    expect(r1.created).toBe(3);
    expect(r1.emailed).toBe(0);
    expect(r1.errors[0]).toContain("hộp thư đầy");
    const before = mails.length;
    const r2 = await runReminders(options("2025-06-12T05:00:00Z"));
    expect(r2).toMatchObject({ created: 0, emailed: 3 });
    expect(mails.length).toBe(before + 3);
    expect((await runReminders(options("2025-06-12T06:00:00Z"))).emailed).toBe(0);
  });

  it("lists the user's notifications and marks them read", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/notifications" })).statusCode).toBe(401);
    const res = await app.inject({ method: "GET", url: "/api/v1/notifications", headers: w.reporterB.headers });
    expect(res.statusCode).toBe(200);
    const list = (res.json() as { data: NotificationListDto }).data;
    expect(list.total).toBe(3);
    expect(list.unread).toBe(3);
    expect(list.items.map((n) => n.kind)).toEqual(["report_due_soon", "report_overdue", "report_due_soon"]);
    expect(list.items[1]!.body).toContain("đã quá hạn 5 ngày");
    const id = list.items[0]!.id;
    expect(
      (await app.inject({ method: "POST", url: `/api/v1/notifications/${id}/read`, headers: w.reporterA.headers }))
        .statusCode,
    ).toBe(404);
    const read = await app.inject({
      method: "POST",
      url: `/api/v1/notifications/${id}/read`,
      headers: w.reporterB.headers,
    });
    expect(read.statusCode).toBe(200);
    expect((read.json() as { data: NotificationDto }).data.readAt).not.toBeNull();
    const unread = await app.inject({
      method: "GET",
      url: "/api/v1/notifications?unread=true",
      headers: w.reporterB.headers,
    });
    expect((unread.json() as { data: NotificationListDto }).data).toMatchObject({ total: 2, unread: 2 });
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/notifications?limit=0", headers: w.reporterB.headers }))
        .statusCode,
    ).toBe(400);
  });

  describe("lease", () => {
    it("grants the lease to exactly one of several servers racing for it", async () => {
      const t = new Date("2025-06-13T01:00:00Z");
      const won = await Promise.all(
        ["a", "b", "c", "d"].map((h) => tryAcquireLease(getDb().db, REMINDER_JOB, `racer-${h}`, t, 60_000)),
      );
      expect(won.filter((l) => l !== null)).toHaveLength(1);
      await releaseLease(getDb().db, REMINDER_JOB, won.find((l) => l !== null)!.holder);
    });

    it("sends each reminder once when several servers run the job at the same moment", async () => {
      // A server that arrives after another has finished and released may run again; what must hold is that the
      // runs never overlap and nothing is sent twice.
      const results = await Promise.all(
        ["a", "b", "c", "d"].map((h) =>
          runReminders(options("2025-06-13T02:00:00Z", { holder: `server-${h}`, mailer: null, webhookUrl: null })),
        ),
      );
      expect(results.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
      const again = await runReminders(
        options("2025-06-13T02:00:00Z", { holder: "server-e", mailer: null, webhookUrl: null }),
      );
      expect(again.created).toBe(0);
      const keys = await getDb()
        .db.selectFrom("notifications")
        .select(["dedupe_key"])
        .where("dedupe_key", "is not", null)
        .execute();
      expect(new Set(keys.map((k) => k.dedupe_key)).size).toBe(keys.length);
      // Released after the run.
      expect(await getLease(getDb().db, REMINDER_JOB)).toBeUndefined();
    });

    it("refuses while another holder's lease runs and takes over once it expires", async () => {
      const t0 = new Date("2025-07-01T00:00:00Z");
      expect(await tryAcquireLease(getDb().db, REMINDER_JOB, "crashed-server", t0, 10 * 60_000)).not.toBeNull();
      expect((await runReminders(options("2025-07-01T00:05:00Z", { holder: "server-x" }))).ran).toBe(false);
      // The holder itself may renew.
      expect(
        await tryAcquireLease(getDb().db, REMINDER_JOB, "crashed-server", new Date("2025-07-01T00:06:00Z"), 60_000),
      ).not.toBeNull();
      expect((await runReminders(options("2025-07-01T00:08:00Z", { holder: "server-x" }))).ran).toBe(true);
    });
  });
});
