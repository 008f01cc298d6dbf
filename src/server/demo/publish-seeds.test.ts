import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_GROUPS, DEMO_UNITS } from "../../cli/demo/directory.js";
import { demoGroups, flattenUnits } from "../../cli/demo/seed.js";
import { listAuditEvents } from "../../store/repos/audit.js";
import { getPlanWithTasks, listPlans } from "../../store/repos/plans.js";
import { getPublicPlanRow } from "../../store/repos/public-plans.js";
import { describeEachEngine } from "../../store/testing.js";
import { seedDirectory } from "../commands/seed-directory.js";
import { runCommand, SYSTEM_ACTOR } from "../context.js";
import {
  DEMO_PUBLIC_FROM_YEAR,
  demoPlanYear,
  describeSeedOutcomes,
  publicizeDemoPlans,
  publishSeedPlans,
} from "./publish-seeds.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../tests/fixtures/seeds");

describeEachEngine("publishSeedPlans", (getDb) => {
  describe("the five seed plans", () => {
    it("publishes each plan with every task assigned to a directory unit, idempotently", async () => {
      const database = getDb();
      await runCommand(database, { actor: SYSTEM_ACTOR }, (ctx) =>
        seedDirectory(ctx, { units: flattenUnits(DEMO_UNITS), groups: demoGroups(DEMO_GROUPS) }),
      );
      const first = await publishSeedPlans(database, { fixturesDir: FIXTURES });
      if (process.env.TIENDO_SEED_REPORT) console.log(describeSeedOutcomes(first));
      expect(first.map((o) => o.status)).toEqual(["published", "published", "published", "published", "published"]);
      for (const o of first) {
        const g = await getPlanWithTasks(database.db, o.planId!);
        expect(g?.plan.status).toBe("published");
        expect(g?.tasks.length).toBe(o.tasks);
        for (const t of g!.tasks) {
          const leads = g!.assignments.filter((a) => a.task_id === t.id && a.role === "lead");
          expect(leads.length, `${o.file} ${t.ref}`).toBeGreaterThan(0);
          expect(leads.every((a) => a.unit_id !== null)).toBe(true);
        }
        const audit = await listAuditEvents(database.db, {
          entityId: o.planId!,
          action: "plan.published",
          limit: 5,
          offset: 0,
        });
        expect(audit.rows).toHaveLength(1);
      }
      const again = await publishSeedPlans(database, { fixturesDir: FIXTURES });
      expect(again.map((o) => o.status)).toEqual(["skipped", "skipped", "skipped", "skipped", "skipped"]);
      expect(again.map((o) => o.planId)).toEqual(first.map((o) => o.planId));
      expect((await listPlans(database.db, { limit: 50 })).length).toBe(5);

      // The recent plans (issued from 2025) become public once; the older ones stay private.
      const madePublic = await publicizeDemoPlans(database, first);
      expect(madePublic.length).toBeGreaterThan(0);
      for (const o of first) {
        const plan = (await getPlanWithTasks(database.db, o.planId!))!.plan;
        const recent = demoPlanYear(plan) >= DEMO_PUBLIC_FROM_YEAR;
        expect(!!(await getPublicPlanRow(database.db, o.planId!)), `${o.file} public`).toBe(recent);
        expect(madePublic.includes(plan.number ?? plan.title)).toBe(recent);
      }
      expect(madePublic.length).toBeLessThan(first.length);
      // Both 2025 seed plans (Mỹ Hào 121, Hà Nội 190, whose issue date the OCR garbled) are public.
      expect(madePublic).toEqual(expect.arrayContaining(["121/KH-UBND", "190/KH-UBND"]));
      expect(await publicizeDemoPlans(database, again)).toEqual([]);
    }, 120_000);
  });
});
