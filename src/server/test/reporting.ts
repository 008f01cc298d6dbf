/**
 * A small published plan with its people, for the reporting-cycle tests: an issuer with a coordinator, two units
 * with reporters and a leader, an outsider, three tasks in two groups and two quarterly periods.
 */
import type { Database } from "../../store/db.js";
import { newId } from "../../store/ids.js";
import { insertPlanGraph } from "../../store/repos/plans.js";
import type { Role, Unit, User } from "../../store/schema.js";
import { createApiToken } from "../commands/create-api-token.js";
import { runCommand, SYSTEM_ACTOR } from "../context.js";
import { makeUnit, makeUser, unique } from "./factories.js";

export interface Person {
  user: User;
  token: string;
  /** Authorization header for app.inject. */
  headers: Record<string, string>;
}

export async function makePerson(
  database: Database,
  memberships: { unitId: string; role: Role }[],
  opts: { isAdmin?: boolean; email?: string; displayName?: string } = {},
): Promise<Person> {
  const { user } = await makeUser(database, {
    memberships,
    isAdmin: opts.isAdmin ?? false,
    displayName: opts.displayName,
  });
  if (opts.email) {
    await database.db.updateTable("users").set({ email: opts.email }).where("id", "=", user.id).execute();
    user.email = opts.email;
  }
  const { token } = await runCommand(database, { actor: SYSTEM_ACTOR }, (ctx) =>
    createApiToken(ctx, { userId: user.id, name: "test" }),
  );
  return { user, token, headers: { authorization: `Bearer ${token}` } };
}

export interface ReportingWorld {
  planId: string;
  issuer: Unit;
  unitA: Unit;
  unitB: Unit;
  outsiderUnit: Unit;
  taskIds: [string, string, string];
  groupIds: [string, string];
  periodIds: [string, string];
  coordinator: Person;
  reporterA: Person;
  leaderA: Person;
  reporterB: Person;
  outsider: Person;
}

export async function makeReportingWorld(
  database: Database,
  opts: { emails?: boolean; year?: number; planStatus?: "published" | "draft" | "closed" } = {},
): Promise<ReportingWorld> {
  const y = opts.year ?? 2025;
  const issuer = await makeUnit(database, { name: unique("UBND thị xã Mỹ Hào "), kind: "district" });
  const unitA = await makeUnit(database, { name: unique("Phòng Kinh tế "), parentId: issuer.id });
  const unitB = await makeUnit(database, {
    name: unique("UBND phường Bần Yên Nhân "),
    kind: "ward",
    parentId: issuer.id,
  });
  const outsiderUnit = await makeUnit(database, { name: unique("Sở Y tế "), kind: "department" });
  const planId = newId();
  const taskIds: [string, string, string] = [newId(), newId(), newId()];
  const groupIds: [string, string] = [newId(), newId()];
  const periodIds: [string, string] = [newId(), newId()];
  const at = `${y}-01-05T00:00:00.000Z`;
  await database.db.transaction().execute((tx) =>
    insertPlanGraph(tx, {
      plan: {
        id: planId,
        doc_type: "Kế hoạch",
        number: `${Math.floor(Math.random() * 900) + 100}/KH-UBND`,
        title: `Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm ${y}`,
        status: opts.planStatus ?? "published",
        revision: 1,
        is_stub: 0,
        issuer_unit_id: issuer.id,
        issuer_name: issuer.name,
        issued_at: `${y}-01-05`,
        place: "Mỹ Hào",
        period_start: `${y}-01-01`,
        period_end: `${y}-12-31`,
        created_at: at,
        updated_at: at,
        published_at: at,
      },
      groups: [
        { id: groupIds[0], ref: "I", title: "Nâng cao nhận thức về chuyển đổi số", position: 0 },
        { id: groupIds[1], ref: "II", title: "Phát triển hạ tầng số", position: 1 },
      ],
      tasks: [
        {
          id: taskIds[0],
          group_id: groupIds[0],
          ref: "1",
          title: "Tuyên truyền, phổ biến về chuyển đổi số",
          tf_kind: "by",
          tf_text: `Trước 30/6/${y}`,
          tf_end: `${y}-06-30`,
          position: 0,
        },
        {
          id: taskIds[1],
          group_id: groupIds[0],
          ref: "2",
          title: "Duy trì trang thông tin điện tử",
          tf_kind: "ongoing",
          position: 1,
        },
        {
          id: taskIds[2],
          group_id: groupIds[1],
          ref: "3",
          title: "Phủ sóng 4G toàn địa bàn",
          tf_kind: "by",
          tf_end: `${y}-03-31`,
          position: 2,
        },
      ],
      assignments: [
        { task_id: taskIds[0], unit_id: unitA.id, role: "lead", printed_name: unitA.name },
        { task_id: taskIds[0], unit_id: unitB.id, role: "support", printed_name: unitB.name },
        { task_id: taskIds[1], unit_id: unitA.id, role: "lead", printed_name: unitA.name },
        { task_id: taskIds[2], unit_id: unitB.id, role: "lead", printed_name: unitB.name },
        { task_id: taskIds[2], unit_id: unitA.id, role: "support", printed_name: unitA.name },
      ],
      regimes: [
        {
          text: "Báo cáo hằng quý",
          frequency: "quarterly",
          day: 15,
          month: null,
          month_in_period: 3,
          recipient: "UBND tỉnh",
        },
      ],
      periods: [
        {
          id: periodIds[0],
          frequency: "quarterly",
          label: `Quý I/${y}`,
          start_date: `${y}-01-01`,
          end_date: `${y}-03-31`,
          due_date: `${y}-03-15`,
          period_key: `${y}-Q1`,
        },
        {
          id: periodIds[1],
          frequency: "quarterly",
          label: `Quý II/${y}`,
          start_date: `${y}-04-01`,
          end_date: `${y}-06-30`,
          due_date: `${y}-06-15`,
          period_key: `${y}-Q2`,
        },
      ],
    }),
  );
  const email = (name: string) => (opts.emails ? `${name}.${newId().slice(0, 8)}@example.gov.vn` : undefined);
  const coordinator = await makePerson(database, [{ unitId: issuer.id, role: "coordinator" }], { email: email("ctv") });
  const reporterA = await makePerson(database, [{ unitId: unitA.id, role: "reporter" }], {
    email: email("reporter-a"),
    displayName: "Nguyễn Thị Báo Cáo",
  });
  const leaderA = await makePerson(database, [{ unitId: unitA.id, role: "leader" }], { email: email("leader-a") });
  const reporterB = await makePerson(database, [{ unitId: unitB.id, role: "reporter" }], {
    email: email("reporter-b"),
  });
  const outsider = await makePerson(database, [{ unitId: outsiderUnit.id, role: "reporter" }]);
  return {
    planId,
    issuer,
    unitA,
    unitB,
    outsiderUnit,
    taskIds,
    groupIds,
    periodIds,
    coordinator,
    reporterA,
    leaderA,
    reporterB,
    outsider,
  };
}

export const reportUrl = (w: ReportingWorld, unit: Unit, period = 0, suffix = "") =>
  `/api/v1/reports/${w.planId}/${w.periodIds[period]}/${unit.id}${suffix}`;

/** A multipart/form-data body with one file field, for app.inject. */
export function multipartFile(
  fileName: string,
  content: Buffer,
  mime = "application/octet-stream",
  field = "file",
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tiendo${newId().replace(/-/g, "")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`,
    "utf8",
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, "utf8");
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** A valid 1×1 PNG. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** A minimal PDF. */
export const TINY_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);

/** Runs a unit's report through save → submit → accept with the given clock readings (commands, not HTTP). */
export async function reportAndAccept(
  database: Database,
  w: ReportingWorld,
  unit: Unit,
  period: 0 | 1,
  items: import("../commands/save-unit-report.js").ReportItemEdit[],
  at: { submit: string; accept?: string | null },
  extra: { difficulties?: string; proposals?: string } = {},
): Promise<void> {
  const { loadUnitReport } = await import("../services/unit-report.js");
  const { saveUnitReport } = await import("../commands/save-unit-report.js");
  const { submitReport } = await import("../commands/submit-report.js");
  const { acceptReport } = await import("../commands/accept-report.js");
  const key = { planId: w.planId, periodId: w.periodIds[period], unitId: unit.id };
  const load = () => loadUnitReport(database.db, SYSTEM_ACTOR, key);
  const c0 = await load();
  await runCommand(database, { actor: SYSTEM_ACTOR, now: new Date(at.submit) }, (ctx) =>
    saveUnitReport(ctx, { context: c0, version: c0.report?.report.version ?? 0, items, ...extra }),
  );
  const c1 = await load();
  await runCommand(database, { actor: SYSTEM_ACTOR, now: new Date(at.submit) }, (ctx) =>
    submitReport(ctx, { context: c1 }),
  );
  if (at.accept) {
    const c2 = await load();
    await runCommand(database, { actor: SYSTEM_ACTOR, now: new Date(at.accept) }, (ctx) =>
      acceptReport(ctx, { context: c2 }),
    );
  }
}
