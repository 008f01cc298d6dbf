import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getAppSettings } from "../../store/repos/app-settings.js";
import { describeEachEngine } from "../../store/testing.js";
import type { ApiError } from "../api-types.js";
import type { NotificationSettingsDto, NotificationTestResultDto } from "../api-types-settings.js";
import { runReminders } from "../jobs/reminders.js";
import { startScheduler } from "../jobs/scheduler.js";
import { decryptSecret, generateSecretKey } from "../secret-box.js";
import {
  isForbiddenWebhookAddress,
  notificationDefaults,
  SMTP_PASSWORD_CONTEXT,
  sendTestWebhook,
} from "../services/notification-settings.js";
import { NO_SECRET_KEY_MESSAGE, secretKeysFor } from "../services/secret-keys.js";
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

describeEachEngine("notification settings API", (getDb, engine) => {
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
  // PostgreSQL needs TIENDO_SECRET_KEY to save a password; in-memory SQLite gets a generated key.
  const secretKey = engine === "postgres" ? generateSecretKey() : undefined;
  const env = () =>
    testConfig({
      secretKey,
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
        if (req.url === "/redirect") res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
        else res.writeHead(req.url === "/broken" ? 500 : 204).end();
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
  /** The password column holds ciphertext only (never the password), which decrypts to `password`. */
  const expectStoredEncrypted = async (password: string) => {
    const row = await getAppSettings(getDb().db);
    expect(JSON.stringify(row)).not.toContain(password);
    expect(row?.smtp_password).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    const key = await secretKeysFor(getDb(), env()).readKey();
    expect(decryptSecret(row!.smtp_password!, key, SMTP_PASSWORD_CONTEXT)).toBe(password);
  };

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
    await expectStoredEncrypted(SMTP_PASSWORD);

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
    await expectStoredEncrypted(SMTP_PASSWORD);
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
    const secrets = secretKeysFor(getDb(), env());
    const run = (now: string) =>
      runReminders({ db: getDb().db, now: new Date(now), holder: "server-1", defaults, secrets });

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
  it("encrypts a legacy plaintext password at the next save, and keeps using it", async () => {
    await getDb().db.updateTable("app_settings").set({ smtp_password: SMTP_PASSWORD }).execute();
    expect(data<NotificationSettingsDto>(await get(admin)).smtpPasswordSet).toBe(true);
    const before = mails.length;
    expect(data<NotificationTestResultDto>(await post(admin, "test-email", { to: "a@myhao.gov.vn" })).ok).toBe(true);
    expect(mails.length).toBe(before + 1);
    expect((await put(admin, valid({ smtpPassword: undefined }))).statusCode).toBe(200);
    await expectStoredEncrypted(SMTP_PASSWORD);
    const last = await getDb()
      .db.selectFrom("audit_events")
      .select("after_json")
      .where("action", "=", "settings.updated")
      .where("after_json", "like", "%smtpPasswordEncrypted%")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.after_json!)).toMatchObject({ smtpPasswordEncrypted: true });
    expect(last.after_json).not.toContain(SMTP_PASSWORD);
  });

  it("says why a saved password cannot be decrypted (altered value) instead of sending without it", async () => {
    expect((await put(admin, valid())).statusCode).toBe(200);
    const row = (await getAppSettings(getDb().db))!;
    const raw = Buffer.from(row.smtp_password!.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    await getDb()
      .db.updateTable("app_settings")
      .set({ smtp_password: `v1:${raw.toString("base64")}` })
      .execute();
    expect(data<NotificationSettingsDto>(await get(admin)).smtpPasswordSet).toBe(true);
    const r = data<NotificationTestResultDto>(await post(admin, "test-email", { to: "a@myhao.gov.vn" }));
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(
      /^Không dùng được mật khẩu SMTP đã lưu: .*khóa mã hóa không đúng hoặc dữ liệu đã bị sửa đổi/,
    );
    expect((await put(admin, valid())).statusCode).toBe(200);
    await expectStoredEncrypted(SMTP_PASSWORD);
  });

  if (engine === "postgres") {
    it("on PostgreSQL without TIENDO_SECRET_KEY refuses to save a password, with the reason", async () => {
      const noKey = await buildTestApp(getDb(), { ...env(), secretKey: undefined });
      try {
        const res = await noKey.inject({
          method: "PUT",
          url: BASE,
          headers: admin.headers,
          payload: valid({ smtpPassword: "mat-khau-moi" }),
        });
        expect(res.statusCode).toBe(400);
        expect((res.json() as ApiError).error.fields?.smtpPassword).toBe(NO_SECRET_KEY_MESSAGE);
        expect(JSON.stringify(await getAppSettings(getDb().db))).not.toContain("mat-khau-moi");
        // Other settings still save, and removing the password needs no key.
        const other = await noKey.inject({
          method: "PUT",
          url: BASE,
          headers: admin.headers,
          payload: valid({ smtpPassword: null, daysBefore: 5 }),
        });
        expect(other.statusCode).toBe(200);
        expect((await getAppSettings(getDb().db))?.smtp_password).toBe("");
      } finally {
        await noKey.close();
      }
    });
  }
  it("never calls link-local / metadata addresses, nor follows a webhook's redirect", async () => {
    for (const webhookUrl of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[fe80::1]/hook",
      "http://[::ffff:169.254.169.254]/",
      "http://0.0.0.0:8080/",
    ]) {
      const res = await put(admin, valid({ webhookUrl }));
      expect(res.statusCode).toBe(400);
      expect((res.json() as ApiError).error.fields?.webhookUrl).toMatch(/^Địa chỉ webhook trỏ tới địa chỉ nội bộ/);
    }
    expect((await put(admin, valid({ webhookUrl: `${hookBase}/redirect` }))).statusCode).toBe(200);
    const before = hooks.length;
    const r = data<NotificationTestResultDto>(await post(admin, "test-webhook"));
    expect(r).toEqual({
      ok: false,
      message: "Địa chỉ webhook chuyển hướng sang địa chỉ khác (HTTP 302); hãy nhập đúng địa chỉ nhận cuối cùng.",
    });
    expect(hooks.length).toBe(before + 1);
  });
});

describe("webhook targets", () => {
  it("classifies link-local, metadata and unspecified addresses as forbidden, others as allowed", () => {
    for (const ip of ["169.254.169.254", "169.254.0.1", "0.0.0.0", "fe80::1", "[fe80::1]", "::ffff:169.254.169.254"]) {
      expect(isForbiddenWebhookAddress(ip), ip).toBe(true);
    }
    expect(isForbiddenWebhookAddress("::ffff:a9fe:a9fe")).toBe(true);
    expect(isForbiddenWebhookAddress("fd00:ec2::254")).toBe(true);
    for (const ip of ["127.0.0.1", "10.0.0.5", "192.168.1.10", "::1", "2001:db8::1", "chat.govap.gov.vn"]) {
      expect(isForbiddenWebhookAddress(ip), ip).toBe(false);
    }
  });

  it("refuses a host name resolving to a metadata address before any request", async () => {
    const fetchImpl = vi.fn(async () => new Response(null, { status: 204 }));
    const base = notificationDefaults(testConfig());
    const r = await sendTestWebhook(
      { ...base, webhookUrl: "http://metadata.google.internal/computeMetadata/v1/" },
      { fetchImpl, lookup: async () => [{ address: "169.254.169.254" }] },
    );
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^Địa chỉ webhook trỏ tới địa chỉ nội bộ/);
    expect(fetchImpl).not.toHaveBeenCalled();
    const ok = await sendTestWebhook(
      { ...base, webhookUrl: "https://chat.govap.gov.vn/hook" },
      { fetchImpl, lookup: async () => [{ address: "10.1.2.3" }] },
    );
    expect(ok.ok).toBe(true);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const ftp = await sendTestWebhook({ ...base, webhookUrl: "file:///etc/passwd" }, { fetchImpl });
    expect(ftp).toEqual({ ok: false, message: "Địa chỉ webhook phải là địa chỉ http:// hoặc https://." });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });
});
