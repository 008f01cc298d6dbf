import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("has working defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: undefined,
      dbPath: "./data/tiendo.db",
      port: 3000,
      secureCookies: false,
      sessionIdleMinutes: 480,
      smtp: undefined,
      logLevel: "info",
    });
    expect(c.webRoot).toMatch(/dist[\\/]web$/);
  });

  it("reads values and derives secure cookies from an https public URL", () => {
    const c = loadConfig({
      DATABASE_URL: "postgres://u@h/db",
      PORT: "8080",
      TIENDO_PUBLIC_URL: "https://tiendo.govap.gov.vn/",
      TIENDO_SESSION_IDLE_MINUTES: "60",
      SMTP_HOST: "mail.gov.vn",
      SMTP_FROM: "tiendo@govap.gov.vn",
      LOG_LEVEL: "WARN",
    });
    expect(c).toMatchObject({
      databaseUrl: "postgres://u@h/db",
      port: 8080,
      publicUrl: "https://tiendo.govap.gov.vn",
      secureCookies: true,
      sessionIdleMinutes: 60,
      smtp: { host: "mail.gov.vn", port: 587, from: "tiendo@govap.gov.vn" },
      logLevel: "warn",
    });
    expect(loadConfig({ TIENDO_PUBLIC_URL: "https://x.vn", TIENDO_SECURE_COOKIES: "false" }).secureCookies).toBe(false);
  });

  it("reads TIENDO_SECRET_KEY as hex or base64 (32 bytes)", () => {
    const hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    expect(loadConfig({}).secretKey).toBeUndefined();
    expect(loadConfig({ TIENDO_SECRET_KEY: hex }).secretKey?.toString("hex")).toBe(hex);
    const b64 = Buffer.from(hex, "hex").toString("base64");
    expect(loadConfig({ TIENDO_SECRET_KEY: b64 }).secretKey?.toString("hex")).toBe(hex);
  });

  it("lists every problem in Vietnamese", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "abc", TIENDO_SECURE_COOKIES: "có", LOG_LEVEL: "verbose", SMTP_USER: "x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        "PORT phải là số nguyên",
        "TIENDO_SECURE_COOKIES phải là true hoặc false",
        expect.stringContaining("LOG_LEVEL phải là một trong"),
      ]),
    );
    expect(() => loadConfig({ SMTP_USER: "x" })).toThrow(/thiếu SMTP_HOST/);
    expect(() => loadConfig({ TIENDO_SECRET_KEY: "ngan-qua" })).toThrow(
      /TIENDO_SECRET_KEY phải là khóa 32 byte viết dạng base64 \(44 ký tự\) hoặc hex \(64 ký tự\)/,
    );
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });
});
