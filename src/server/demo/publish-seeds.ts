/**
 * `tiendo demo`: the five seed plans, imported and published against the demo directory so every screen has data.
 * Every printed unit name is resolved automatically (units and unit groups under the issuer, best match); a lead
 * name the directory cannot resolve falls back to the issuing unit and is reported, so the directory can be extended.
 * Idempotent: a file whose SHA-256 is already published is skipped.
 */

import fs from "node:fs";
import path from "node:path";
import type { PlanV1 } from "../../core/plan-v1.js";
import type { Database } from "../../store/db.js";
import { findPlanBySourceSha256 } from "../../store/repos/plan-stats.js";
import { getPlan } from "../../store/repos/plans.js";
import { getPublicPlanRow } from "../../store/repos/public-plans.js";
import { sha256Hex, storeSourceFile } from "../../store/repos/source-files.js";
import type { ImportReviewDto } from "../api-types.js";
import { publishPlanDocument } from "../commands/publish-import.js";
import { setPlanPublic } from "../commands/set-plan-public.js";
import { type Actor, runCommand } from "../context.js";
import { isAppError } from "../errors.js";
import { analyzeImport, EMPTY_REVIEW } from "../services/import-review.js";
import { importPlanDocument, type PlanImporter } from "../services/plan-importer.js";

/** Below this, a best match is not trusted even for the demo. */
export const DEMO_MIN_CONFIDENCE = 0.6;

export interface SeedPublishOutcome {
  file: string;
  status: "published" | "skipped" | "failed";
  planId: string | null;
  number: string | null;
  title: string | null;
  tasks: number;
  /** Printed names the directory could not resolve (lead names were given to the issuer instead). */
  unresolved: { name: string; roles: ("lead" | "support")[] }[];
  /** Names resolved below the automatic-acceptance confidence: worth a look. */
  uncertain: { name: string; matched: string; confidence: number }[];
  error: string | null;
}

export interface PublishSeedsOptions {
  fixturesDir: string;
  actor?: Actor;
  importer?: PlanImporter;
  now?: Date;
}

export async function publishSeedPlans(database: Database, opts: PublishSeedsOptions): Promise<SeedPublishOutcome[]> {
  const actor: Actor = opts.actor ?? { kind: "system", label: "demo" };
  const importer = opts.importer ?? importPlanDocument;
  const files = fs
    .readdirSync(opts.fixturesDir)
    .filter((f) => f.toLowerCase().endsWith(".txt"))
    .sort();
  const out: SeedPublishOutcome[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(opts.fixturesDir, file));
    const sha = sha256Hex(bytes);
    const outcome: SeedPublishOutcome = {
      file,
      status: "failed",
      planId: null,
      number: null,
      title: null,
      tasks: 0,
      unresolved: [],
      uncertain: [],
      error: null,
    };
    out.push(outcome);
    const existing = await findPlanBySourceSha256(database.db, sha);
    if (existing) {
      Object.assign(outcome, {
        status: "skipped",
        planId: existing.id,
        number: existing.number,
        title: existing.title,
      });
      continue;
    }
    let document: PlanV1;
    try {
      document = (await importer({ bytes: new Uint8Array(bytes), fileName: file })).plan;
    } catch (err) {
      outcome.error = err instanceof Error ? err.message : String(err);
      continue;
    }
    outcome.number = document.plan.number;
    outcome.title = document.plan.title;
    outcome.tasks = document.tasks.length;
    try {
      outcome.planId = await runCommand(database, { actor, now: opts.now }, async (ctx) => {
        const { file: source } = await storeSourceFile(ctx.tx, {
          file_name: file,
          mime: "text/plain; charset=utf-8",
          content: bytes,
          created_by: null,
        });
        const first = await analyzeImport(ctx.tx, document, EMPTY_REVIEW, undefined);
        const issuerId = first.issuer.chosen?.id ?? null;
        const review: ImportReviewDto = { ...structuredClone(EMPTY_REVIEW), issuerUnitId: issuerId };
        for (const m of first.matches) {
          const best = m.candidates[0];
          if (m.chosen) continue;
          if (best && best.confidence >= DEMO_MIN_CONFIDENCE) {
            review.units[m.name] = { type: best.type, id: best.id };
            outcome.uncertain.push({ name: m.name, matched: best.name, confidence: best.confidence });
          } else {
            outcome.unresolved.push({ name: m.name, roles: m.roles });
            if (m.roles.includes("lead") && issuerId) review.units[m.name] = { type: "unit", id: issuerId };
          }
        }
        return publishPlanDocument(ctx, { document, review, sourceFileId: source.id, confirmDuplicate: true });
      });
      outcome.status = "published";
    } catch (err) {
      outcome.error = isAppError(err)
        ? [err.message, ...Object.values(err.fields ?? {})].join("\n")
        : err instanceof Error
          ? err.message
          : String(err);
    }
  }
  return out;
}

/** Plans issued from this year on get their progress made public by the demo. */
export const DEMO_PUBLIC_FROM_YEAR = 2025;

/** The year a demo plan belongs to: its issue date, else (an OCR-garbled date) the start of its period. */
export function demoPlanYear(plan: { issued_at: string | null; period_start: string | null } | undefined): number {
  const date = plan?.issued_at ?? plan?.period_start ?? null;
  return date ? Number(date.slice(0, 4)) : Number.NaN;
}

/**
 * Makes the demo's recent plans public so the Công khai pages have content from the first start; the older plans
 * stay private, so a coordinator can still try the switch. Idempotent. Returns the numbers made public now.
 */
export async function publicizeDemoPlans(
  database: Database,
  outcomes: readonly SeedPublishOutcome[],
  opts: { actor?: Actor; now?: Date } = {},
): Promise<string[]> {
  const actor: Actor = opts.actor ?? { kind: "system", label: "demo" };
  const done: string[] = [];
  for (const o of outcomes) {
    if (!o.planId || o.status === "failed") continue;
    const plan = await getPlan(database.db, o.planId);
    const year = demoPlanYear(plan);
    if (!plan || plan.status === "draft" || !(year >= DEMO_PUBLIC_FROM_YEAR)) continue;
    const planId = plan.id;
    const changed = await runCommand(database, { actor, now: opts.now }, async (ctx) => {
      const before = await getPublicPlanRow(ctx.tx, planId);
      if (before) return false;
      await setPlanPublic(ctx, { planId, public: true });
      return true;
    });
    if (changed) done.push(plan.number ?? plan.title);
  }
  return done;
}

/** A short Vietnamese report for the terminal. */
export function describeSeedOutcomes(outcomes: readonly SeedPublishOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    const label = `${o.file}${o.number ? ` (${o.number})` : ""}`;
    if (o.status === "skipped") lines.push(`- ${label}: đã ban hành trước đó, bỏ qua.`);
    else if (o.status === "published") lines.push(`- ${label}: đã ban hành ${o.tasks} nhiệm vụ.`);
    else lines.push(`- ${label}: không ban hành được: ${o.error}`);
    for (const u of o.unresolved) {
      lines.push(
        `    chưa khớp danh mục: “${u.name}” (${u.roles.includes("lead") ? "chủ trì → giao cho đơn vị ban hành" : "phối hợp, bỏ qua"})`,
      );
    }
    for (const u of o.uncertain) {
      lines.push(`    khớp chưa chắc chắn: “${u.name}” → ${u.matched} (${Math.round(u.confidence * 100)}%)`);
    }
  }
  return lines.join("\n");
}
