/** A small published plan (issuer, two units, tasks, one quarterly period) for report and period tests. */
import type { Executor } from "../db.js";
import { newId } from "../ids.js";
import { insertPlanGraph } from "../repos/plans.js";
import { insertTestUnit } from "./fixtures.js";

export async function insertTestPlan(db: Executor, opts: { tasks?: number; periods?: number } = {}) {
  const issuer = await insertTestUnit(db, "UBND tỉnh", "province");
  const unitA = await insertTestUnit(db, "Sở Nội vụ", "department", issuer.id);
  const unitB = await insertTestUnit(db, "Sở Y tế", "department", issuer.id);
  const planId = newId();
  const taskIds = Array.from({ length: opts.tasks ?? 3 }, () => newId());
  const periodIds = Array.from({ length: opts.periods ?? 2 }, () => newId());
  const at = "2025-01-05T00:00:00.000Z";
  const run = async (tx: Parameters<typeof insertPlanGraph>[0]) =>
    insertPlanGraph(tx, {
      plan: {
        id: planId,
        doc_type: "Kế hoạch",
        title: "Kế hoạch thử nghiệm",
        status: "published",
        revision: 1,
        is_stub: 0,
        issuer_unit_id: issuer.id,
        created_at: at,
        updated_at: at,
      },
      tasks: taskIds.map((id, i) => ({ id, title: `Nhiệm vụ ${i + 1}`, tf_kind: "ongoing", position: i })),
      assignments: taskIds.flatMap((task_id) => [
        { task_id, unit_id: unitA.id, role: "lead" as const, printed_name: unitA.name },
        { task_id, unit_id: unitB.id, role: "support" as const, printed_name: unitB.name },
      ]),
      periods: periodIds.map((id, i) => ({
        id,
        frequency: "quarterly",
        label: `Quý ${["I", "II", "III", "IV"][i % 4]}/2025`,
        start_date: `2025-${String(i * 3 + 1).padStart(2, "0")}-01`,
        end_date: `2025-${String(i * 3 + 3).padStart(2, "0")}-${i === 0 ? "31" : "30"}`,
        due_date: `2025-${String(i * 3 + 3).padStart(2, "0")}-15`,
        period_key: `2025-Q${i + 1}`,
      })),
    });
  if (db.isTransaction) await run(db as Parameters<typeof insertPlanGraph>[0]);
  else await db.transaction().execute(run);
  return { planId, taskIds, periodIds, issuer, unitA, unitB };
}
