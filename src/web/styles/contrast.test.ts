/**
 * WCAG AA contrast of the colour pairs app.css actually uses, read from its custom properties, so a palette change
 * that makes text unreadable fails here rather than in an accessibility audit.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const css = fs.readFileSync(new URL("./app.css", import.meta.url), "utf8");
const vars = new Map([...css.matchAll(/(--[a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]));

function color(ref: string): string {
  if (ref.startsWith("#")) return ref;
  const value = vars.get(ref);
  if (!value) throw new Error(`app.css has no hex value for ${ref}`);
  return value;
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(color(a)), luminance(color(b))].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const STATUSES = ["done-on-time", "done-late", "in-progress", "due-soon", "overdue", "not-started", "recurring"];

describe("app.css contrast (WCAG AA)", () => {
  it("the computation matches known values", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });

  it.each(STATUSES)("status %s: label on its tint and on the page", (status) => {
    expect(contrast(`--status-${status}`, `--status-${status}-bg`)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(`--status-${status}`, "--surface")).toBeGreaterThanOrEqual(4.5);
  });

  it("the outlined paused status on the page", () => {
    expect(contrast("--status-paused", "--surface")).toBeGreaterThanOrEqual(4.5);
    expect(contrast("--status-paused", "--bg")).toBeGreaterThanOrEqual(4.5);
  });

  it.each([
    ["--text", "--bg"],
    ["--text", "--surface"],
    ["--text-muted", "--bg"],
    ["--text-muted", "--surface"],
    ["--text-muted", "--brand-50"],
    ["--brand-700", "--surface"],
    ["--brand-700", "--bg"],
    ["#ffffff", "--brand-700"],
    ["#ffffff", "--brand-800"],
    ["--on-brand", "--brand-800"],
    ["--on-brand-muted", "--brand-800"],
    ["--brand-800", "#ffffff"],
    ["--danger", "--danger-bg"],
    ["--success", "--success-bg"],
  ])("text %s on %s", (fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it("focus rings and input borders stand out (3:1)", () => {
    expect(contrast("--focus", "--surface")).toBeGreaterThanOrEqual(3);
    expect(contrast("--focus-on-dark", "--brand-800")).toBeGreaterThanOrEqual(3);
    expect(contrast("--border-strong", "--surface")).toBeGreaterThanOrEqual(3);
  });
});
