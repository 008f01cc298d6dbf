import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getAppSettings } from "../../store/repos/app-settings.js";
import { describeEachEngine } from "../../store/testing.js";
import type { ApiError } from "../api-types.js";
import type { NotificationSettingsDto, NotificationTestResultDto } from "../api-types-settings.js";
import { runReminders } from "../jobs/reminders.js";
import { startScheduler } from "../jobs/scheduler.js";
import { notificationDefaults } from "../services/notification-settings.js";
import { buildTestApp, testConfig } from "../test/factories.js";
import { makePerson, makeReportingWorld, type Person } from "../test/reporting.js";

const BASE = "/api/v1/settings/notifications";
const SMTP_USER = "tiendo-smtp";
const SMTP_PASSWORD = "Mật-khẩu-SMTP-2025";
const ENV_PASSWORD = "bi-mat-tu-moi-truong";

interface Mail {
  to: string[];
  user: string | undefined;
  data: string;
}

describeEachEngine("notification settings API", (getDb) => {
  let smtp: SMTPServer;
  let smtpPort = 0;
  let deadPort = 0;
  let hook: http.Server;
  let hookBase = "";
  let app: FastifyInstance;
  let admin: Person;
  let unitAdmin: Person;
  let reporter: Person;
  const mails: Mail[] = [];
  const hooks: { path: string; body: { type: string; units?: { unitId: string }[] } }[] = [];
  const env = () =>
    testConfig({
      reminderDaysBefore: 3,
      webhookUrl: undefined,
      smtp: {
        host: "127.0.0.1",
        port: deadPort,
        secure: false,
        user: "env-user",
        password: ENV_PASSWORD,
        from: "env@example.gov.vn",
      },
    });

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: SMTP_USER });
        return callback(new Error("535 Sai tên đăng nhập hoặc mật khẩu"));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            data: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    // A port nobody listens on: the environment's mail server, which must not be used once settings are saved.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
    deadPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    hook = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        hooks.push({ path: req.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        res.writeHead(req.url === "/broken" ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", () => resolve()));
    hookBase = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
    app = await buildTestApp(getDb(), env());
    admin = await makePerson(getDb(), [], { isAdmin: true });
    const w = await makeReportingWorld(getDb(), { emails: true });
    unitAdmin = await makePerson(getDb(), [{ unitId: w.issuer.id, role: "admin" }]);
    reporter = w.reporterA;
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  const valid = (extra: Record<string, unknown> = {}) => ({
    remindersEnabled: true,
    daysBefore: 10,
    smtpHost: "127.0.0.1",
    smtpPort,
    smtpSecure: false,
    smtpUser: SMTP_USER,
    smtpPassword: SMTP_PASSWORD,
    smtpFrom: "tiendo@myhao.gov.vn",
    webhookUrl: `${hookBase}/hook`,
    ...extra,
  });
  const get = (who: Person) => app.inject({ method: "GET", url: BASE, headers: who.headers });
  const put = (who: Person, payload: object) => app.inject({ method: "PUT", url: BASE, headers: who.headers, payload });
  const post = (who: Person, path: string, payload: object = {}) =>
    app.inject({ method: "POST", url: `${BASE}/${path}`, headers: who.headers, payload });
  const data = <T>(res: { json(): unknown }) => (res.json() as { data: T }).data;

  it("shows the environment's values before anything is saved, without the password", async () => {
    const res = await get(admin);
    expect(res.statusCode).toBe(200);
    const s = data<NotificationSettingsDto>(res);
    expect(s).toMatchObject({
      remindersEnabled: true,
      daysBefore: 3,
      smtpHost: "127.0.0.1",
      smtpPort: deadPort,
      smtpUser: "env-user",
      smtpPasswordSet: true,
      smtpFrom: "env@example.gov.vn",
      webhookUrl: null,
      updatedAt: null,
    });
    expect(s.fromEnvironment).toHaveLength(9);
    expect(res.body).not.toContain(ENV_PASSWORD);
    expect(Object.keys(s)).not.toContain("smtpPassword");
  });

  it("is for system administrators only", async () => {
    expect((await app.inject({ method: "GET", url: BASE })).statusCode).toBe(401);
    for (const who of [reporter, unitAdmin]) {
      const res = await get(who);
      expect(res.statusCode).toBe(403);
      expect((res.json() as ApiError).error.code).toBe("FORBIDDEN");
      expect((await put(who, valid())).statusCode).toBe(403);
      expect((await post(who, "test-email", { to: "a@example.gov.vn" })).statusCode).toBe(403);
      expect((await post(who, "test-webhook")).statusCode).toBe(403);
    }
    expect(await getAppSettings(getDb().db)).toBeUndefined();
  });

  it("refuses invalid settings with Vietnamese messages per field", async () => {
    const res = await put(
      admin,
      valid({
        smtpPort: 70000,
        smtpFrom: "khong-phai-email",
        webhookUrl: "ftp://chat.example.vn/hook",
        daysBefore: -1,
      }),
    );
    expect(res.statusCode).toBe(400);
    const err = (res.json() as ApiError).error;
    expect(err.code).toBe("VALIDATION");
    expect(err.fields).toMatchObject({
      smtpPort: "Cổng SMTP phải là số nguyên từ 1 đến 65535.",
      smtpFrom: "Địa chỉ người gửi phải là địa chỉ email hợp lệ, ví dụ tiendo@govap.gov.vn.",
      webhookUrl: "Địa chỉ webhook phải là địa chỉ http:// hoặc https:// hợp lệ.",
      daysBefore: "Số ngày nhắc trước hạn phải là số nguyên từ 0 đến 60.",
    });
    const noFrom = await put(admin, valid({ smtpFrom: "" }));
    expect(noFrom.statusCode).toBe(400);
    expect((noFrom.json() as ApiError).error.fields?.smtpFrom).toBe(
      "Cần nhập địa chỉ người gửi khi đã nhập máy chủ SMTP.",
    );
    const missing = await put(admin, { remindersEnabled: true });
    expect((missing.json() as ApiError).error.fields?.smtpSecure).toBe("Bắt buộc nhập.");
    expect(await getAppSettings(getDb().db)).toBeUndefined();
  });

  it("saves the settings over the environment, never returns the password and audits the change", async () => {
    const res = await put(admin, valid());
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(SMTP_PASSWORD);
    const s = data<NotificationSettingsDto>(res);
    expect(s).toMatchObject({
      daysBefore: 10,
      smtpPort,
      smtpUser: SMTP_USER,
      smtpPasswordSet: true,
      webhookUrl: `${hookBase}/hook`,
      fromEnvironment: [],
    });
    expect(s.updatedAt).not.toBeNull();
    const again = await get(admin);
    expect(again.body).not.toContain(SMTP_PASSWORD);
    expect(data<NotificationSettingsDto>(again)).toEqual(s);
    expect((await getAppSettings(getDb().db))?.smtp_password).toBe(SMTP_PASSWORD);

    const events = await getDb()
      .db.selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "settings.updated")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entity_type: "settings",
      entity_id: "notifications",
      actor_user_id: admin.user.id,
    });
    expect(events[0]!.after_json).not.toContain(SMTP_PASSWORD);
    expect(events[0]!.before_json).not.toContain(ENV_PASSWORD);
    const after = JSON.parse(events[0]!.after_json!) as Record<string, unknown>;
    expect(after).toMatchObject({ daysBefore: 10, smtpPasswordChanged: true, webhookUrl: `${hookBase}/hook` });

    // Saving again without a password keeps it.
    const kept = await put(admin, valid({ smtpPassword: undefined }));
    expect(data<NotificationSettingsDto>(kept).smtpPasswordSet).toBe(true);
    expect((await getAppSettings(getDb().db))?.smtp_password).toBe(SMTP_PASSWORD);
  });

  it("sends a test e-mail through the saved mail server, with the saved password", async () => {
    const res = await post(admin, "test-email", { to: "chuyenvien@myhao.gov.vn" });
    expect(res.statusCode).toBe(200);
    const r = data<NotificationTestResultDto>(res);
    expect(r).toEqual({
      ok: true,
      message: "Đã gửi thư thử tới chuyenvien@myhao.gov.vn. Vui lòng kiểm tra hộp thư (kể cả mục thư rác).",
    });
    expect(mails.at(-1)).toMatchObject({ to: ["chuyenvien@myhao.gov.vn"], user: SMTP_USER });
    expect(mails.at(-1)!.data).toMatch(/^Subject: /m);

    const bad = await post(admin, "test-email", { to: "không phải email" });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ApiError).error.fields?.to).toBe("Địa chỉ email nhận thư thử không hợp lệ.");
  });

  it("sends a test webhook and reports failures in Vietnamese", async () => {
    const ok = data<NotificationTestResultDto>(await post(admin, "test-webhook"));
    expect(ok.ok).toBe(true);
    expect(hooks.at(-1)).toMatchObject({ path: "/hook", body: { type: "tiendo.test" } });

    expect(
      (await put(admin, valid({ webhookUrl: `${hookBase}/broken`, smtpPassword: "sai-mat-khau" }))).statusCode,
    ).toBe(200);
    expect(data<NotificationTestResultDto>(await post(admin, "test-webhook"))).toEqual({
      ok: false,
      message: "Địa chỉ webhook trả về lỗi HTTP 500.",
    });
    const wrongPassword = data<NotificationTestResultDto>(await post(admin, "test-email", { to: "a@myhao.gov.vn" }));
    expect(wrongPassword.ok).toBe(false);
    expect(wrongPassword.message).toMatch(/^Máy chủ SMTP từ chối đăng nhập/);

    expect((await put(admin, valid({ smtpPort: deadPort, webhookUrl: null }))).statusCode).toBe(200);
    const refused = data<NotificationTestResultDto>(await post(admin, "test-email", { to: "a@myhao.gov.vn" }));
    expect(refused).toEqual({
      ok: false,
      message: `Không kết nối được máy chủ SMTP 127.0.0.1:${deadPort}: máy chủ từ chối kết nối. Kiểm tra địa chỉ và cổng.`,
    });
    expect(data<NotificationTestResultDto>(await post(admin, "test-webhook"))).toEqual({
      ok: false,
      message: "Chưa cấu hình địa chỉ webhook. Hãy nhập địa chỉ, lưu cấu hình rồi gửi thử.",
    });

    // Removing the password.
    const cleared = await put(admin, valid({ smtpPassword: null }));
    expect(data<NotificationSettingsDto>(cleared).smtpPasswordSet).toBe(false);
    expect((await getAppSettings(getDb().db))?.smtp_password).toBe("");
  });

  it("the reminders job reads the saved settings at each run, over the environment", async () => {
    const defaults = notificationDefaults(env());
    const run = (now: string) => runReminders({ db: getDb().db, now: new Date(now), holder: "server-1", defaults });

    // Turned off: nothing happens.
    expect((await put(admin, valid({ remindersEnabled: false }))).statusCode).toBe(200);
    expect(await run("2025-03-07T02:00:00Z")).toMatchObject({ ran: false, disabled: true, created: 0 });

    // 7/3/2025: Quý I is due 15/3, 8 days ahead — outside the environment's 3 days, inside the saved 10. Mail goes
    // through the saved server (the environment's is down), the webhook to the saved address.
    expect((await put(admin, valid())).statusCode).toBe(200);
    const before = mails.length;
    const hooksBefore = hooks.length;
    const r = await run("2025-03-07T02:00:00Z");
    expect(r).toMatchObject({ ran: true, created: 3, emailed: 3, webhookDelivered: 2, errors: [] });
    expect(mails.length).toBe(before + 3);
    expect(hooks.length).toBe(hooksBefore + 1);
    expect(hooks.at(-1)!.body.type).toBe("tiendo.reminders");

    // Back to the environment's 3 days for Quý II (due 15/6): 8 days ahead is too early.
    expect((await put(admin, valid({ daysBefore: 3 }))).statusCode).toBe(200);
    expect((await run("2025-06-07T02:00:00Z")).created).toBe(0);
    expect((await run("2025-06-12T02:00:00Z")).created).toBe(3);

    // The scheduler (what the server runs) reads them at each run too: no restart needed.
    const scheduler = startScheduler(
      getDb(),
      { ...env(), reminderIntervalMinutes: 0 },
      {
        clock: () => new Date("2025-06-13T02:00:00Z"),
      },
    );
    try {
      expect((await put(admin, valid({ remindersEnabled: false }))).statusCode).toBe(200);
      expect(await scheduler.runNow()).toMatchObject({ ran: false, disabled: true });
      expect(await put(admin, valid())).toMatchObject({ statusCode: 200 });
      expect(await scheduler.runNow()).toMatchObject({ ran: true, errors: [] });
    } finally {
      scheduler.stop();
    }
  });
});
