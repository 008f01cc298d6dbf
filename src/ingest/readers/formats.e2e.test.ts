/** The same plan as .docx, .pdf (LibreOffice export) and .txt imports to the same plan fields and tasks. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importPlan } from "../index.js";
import { readDocument } from "./index.js";
import { SAMPLE_TASKS, samplePlanDocx } from "./testing.js";

describe("formats end to end", () => {
  it("docx, pdf and txt of the sample plan give the same plan", async () => {
    const docx = await samplePlanDocx();
    const pdf = new Uint8Array(readFileSync(new URL("./test/fixtures/plan.pdf", import.meta.url)));
    const txt = new TextEncoder().encode((await readDocument(docx, "plan.docx")).text);
    const results = await Promise.all([
      importPlan({ bytes: docx, fileName: "plan.docx" }),
      importPlan({ bytes: pdf, fileName: "plan.pdf" }),
      importPlan({ bytes: txt, fileName: "plan.txt" }),
    ]);
    const summary = (r: (typeof results)[number]) => ({
      plan: { ...r.plan.plan },
      tasks: r.plan.tasks.map((t) => [t.ref, t.title, t.lead, t.support, t.timeframe?.text ?? null]),
    });
    const [a, b, c] = results.map(summary);
    expect(a!.plan.number).toBe("121/KH-UBND");
    expect(a!.plan.issued_at).toBe("2025-04-25");
    const appendix = a!.tasks.filter((t) => String(t[0]).startsWith("PL."));
    expect(appendix.map((t) => t[1])).toEqual(SAMPLE_TASKS.map((r) => r[1]));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  }, 60_000);
});
