/**
 * What the review screen shows beside the extracted document: for each printed unit name the directory entries it
 * may mean (units and unit groups, with confidence), the issuer, the superior plans the references may name, the
 * superior plan's tasks each task may implement, and the problems that block publishing.
 *
 * Everything here is derived from the draft (plan + review state) and the directory; nothing is stored.
 */

import type { PlanV1 } from "../../core/plan-v1.js";
import { validatePlan } from "../../core/plan-validation.js";
import { searchKey } from "../../core/text.js";
import {
  AUTO_ACCEPT_CONFIDENCE,
  canonicalUnitName,
  type DirectoryEntry,
  matchUnitName,
} from "../../core/unit-match.js";
import type { Executor } from "../../store/db.js";
import { findPlansByNumber, getPlanWithTasks, getTasksWithAssignments, listPlans } from "../../store/repos/plans.js";
import { listUnitGroups, resolveUnitGroup, type UnitGroup, unitGroupAliases } from "../../store/repos/unit-groups.js";
import { listUnitTree, unitAliases } from "../../store/repos/units.js";
import type { Plan, Unit } from "../../store/schema.js";
import type {
  ImportReviewDto,
  PlanProblemDto,
  PlanRefDto,
  ReferenceMatchDto,
  TaskLinkSuggestionDto,
  UnitCandidateDto,
  UnitMatchDto,
  UnitRefDto,
} from "../api-types.js";
import type { PlanOrigins } from "./import-rows.js";

export const EMPTY_REVIEW: ImportReviewDto = {
  units: {},
  issuerUnitId: null,
  superiorPlanIds: [],
  noSuperiorPlan: false,
  taskParents: {},
};

/** The stored review state, tolerant of missing keys (older drafts). */
export function parseReview(json: string | null): ImportReviewDto {
  if (!json) return structuredClone(EMPTY_REVIEW);
  try {
    const r = JSON.parse(json) as Partial<ImportReviewDto>;
    return {
      units: r.units ?? {},
      issuerUnitId: r.issuerUnitId ?? null,
      superiorPlanIds: r.superiorPlanIds ?? [],
      noSuperiorPlan: r.noSuperiorPlan === true,
      taskParents: r.taskParents ?? {},
    };
  } catch {
    return structuredClone(EMPTY_REVIEW);
  }
}

/** The importer's notes kept with the review state. */
export function parseWarnings(json: string | null): string[] {
  if (!json) return [];
  try {
    const w = (JSON.parse(json) as { warnings?: unknown }).warnings;
    return Array.isArray(w) ? w.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Where the draft's rows came from as stored with the review state (unchecked; see storedOrigins). */
export function parseRowOrigins(json: string | null): unknown {
  if (!json) return undefined;
  try {
    return (JSON.parse(json) as { origins?: unknown }).origins;
  } catch {
    return undefined;
  }
}

/** The review state to store, keeping the importer's notes and (unless given) the rows' origins of the previous state. */
export function reviewJson(review: ImportReviewDto, previous: string | null, origins?: PlanOrigins): string {
  const rows = origins ?? parseRowOrigins(previous);
  return JSON.stringify({
    units: review.units,
    issuerUnitId: review.issuerUnitId,
    superiorPlanIds: review.superiorPlanIds,
    noSuperiorPlan: review.noSuperiorPlan === true,
    taskParents: review.taskParents,
    warnings: parseWarnings(previous),
    ...(rows !== undefined ? { origins: rows } : {}),
  });
}

// ── the directory as the matcher sees it ──────────────────────────────────────────────────────────────────────

export interface Directory {
  units: Map<string, Unit>;
  groups: Map<string, UnitGroup>;
  children: Map<string | null, Unit[]>;
}

/** The whole directory in two queries (units, groups); subtrees are walked in memory. */
export async function loadDirectory(db: Executor): Promise<Directory> {
  const [units, groups] = await Promise.all([listUnitTree(db), listUnitGroups(db)]);
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const list = children.get(u.parent_id) ?? [];
    list.push(u);
    children.set(u.parent_id, list);
  }
  return { units: new Map(units.map((u) => [u.id, u])), groups: new Map(groups.map((g) => [g.id, g])), children };
}

function subtree(dir: Directory, rootId: string): Set<string> {
  const out = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    for (const c of dir.children.get(id) ?? []) {
      if (!out.has(c.id)) {
        out.add(c.id);
        stack.push(c.id);
      }
    }
  }
  return out;
}

/** The unit then its ancestors' ids, nearest first (the policies' unit path). */
export function pathOf(dir: Directory, unitId: string | null): string[] {
  const out: string[] = [];
  let cur = unitId ? dir.units.get(unitId) : undefined;
  while (cur && out.length < 64 && !out.includes(cur.id)) {
    out.push(cur.id);
    cur = cur.parent_id ? dir.units.get(cur.parent_id) : undefined;
  }
  return out;
}

const LOCALITY_PREFIX =
  /^(tỉnh|thành phố|thị xã|quận|huyện|xã|phường|thị trấn|ủy ban nhân dân|ubnd)\s+(tỉnh|thành phố|thị xã|quận|huyện|xã|phường|thị trấn)?\s*/iu;

/** "Thị xã Mỹ Hào" → "Mỹ Hào": the place names dropped from the end of printed unit names. */
function localityName(u: Unit): string | null {
  if (!["province", "district", "commune", "ward", "town"].includes(u.kind)) return null;
  const s = u.name.replace(LOCALITY_PREFIX, "").trim();
  return s || null;
}

export interface MatchScope {
  entries: DirectoryEntry[];
  localities: string[];
}

/**
 * The entries a plan's unit names are matched against: with a known issuer, the issuer's province (its own offices
 * and wards break ties); otherwise the whole directory.
 */
export function matchScope(dir: Directory, issuerUnitId: string | null): MatchScope {
  const path = pathOf(dir, issuerUnitId);
  const root = path.at(-1) ?? null;
  const scope = root ? subtree(dir, root) : null;
  const own = issuerUnitId ? subtree(dir, issuerUnitId) : new Set<string>();
  const entries: DirectoryEntry[] = [];
  for (const u of dir.units.values()) {
    if (scope && !scope.has(u.id)) continue;
    const aliases = unitAliases(u);
    if (u.short_name) aliases.push(u.short_name);
    entries.push({ id: u.id, name: u.name, aliases, type: "unit", underIssuer: own.has(u.id) });
  }
  for (const g of dir.groups.values()) {
    if (scope && g.owner_unit_id && !scope.has(g.owner_unit_id)) continue;
    entries.push({
      id: g.id,
      name: g.name,
      aliases: unitGroupAliases(g),
      type: "group",
      underIssuer: g.owner_unit_id !== null && own.has(g.owner_unit_id),
    });
  }
  const localities = path.map((id) => localityName(dir.units.get(id)!)).filter((s): s is string => !!s);
  return { entries, localities };
}

// ── issuer ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface IssuerResolution {
  chosen: UnitRefDto | null;
  candidates: UnitCandidateDto[];
}

export function resolveIssuer(dir: Directory, printed: string | null, chosenId: string | null): IssuerResolution {
  const entries: DirectoryEntry[] = [...dir.units.values()].map((u) => ({
    id: u.id,
    name: u.name,
    aliases: unitAliases(u),
    type: "unit",
  }));
  const candidates: UnitCandidateDto[] = printed
    ? matchUnitName(printed, entries).map((c) => ({ ...c, members: [] }))
    : [];
  const picked = chosenId ? dir.units.get(chosenId) : undefined;
  if (picked) return { chosen: { id: picked.id, name: picked.name }, candidates };
  const top = candidates[0];
  const chosen = top && top.confidence >= AUTO_ACCEPT_CONFIDENCE ? { id: top.id, name: top.name } : null;
  return { chosen, candidates };
}

// ── unit names ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Distinct printed names of lead/support units, in order of first appearance. */
export function printedUnitNames(plan: PlanV1): { name: string; roles: Set<"lead" | "support">; tasks: number[] }[] {
  const byName = new Map<string, { name: string; roles: Set<"lead" | "support">; tasks: number[] }>();
  plan.tasks.forEach((t, i) => {
    for (const [role, names] of [
      ["lead", t.lead],
      ["support", t.support],
    ] as const) {
      for (const raw of names ?? []) {
        const name = raw.trim();
        if (!name) continue;
        let e = byName.get(name);
        if (!e) {
          e = { name, roles: new Set(), tasks: [] };
          byName.set(name, e);
        }
        e.roles.add(role);
        if (!e.tasks.includes(i)) e.tasks.push(i);
      }
    }
  });
  return [...byName.values()];
}

/** Members of the groups named, one query per group (only groups that appear among candidates). */
export async function groupMembers(
  db: Executor,
  dir: Directory,
  groupIds: Iterable<string>,
  opts: { activeOn?: string } = {},
): Promise<Map<string, UnitRefDto[]>> {
  const out = new Map<string, UnitRefDto[]>();
  for (const id of new Set(groupIds)) {
    const g = dir.groups.get(id);
    if (!g) continue;
    const ids = await resolveUnitGroup(db, g, opts);
    out.set(
      id,
      ids
        .map((uid) => dir.units.get(uid))
        .filter((u): u is Unit => !!u)
        .map((u) => ({ id: u.id, name: u.name }))
        .sort((a, b) => a.name.localeCompare(b.name, "vi", { numeric: true })),
    );
  }
  return out;
}

export async function matchUnits(
  db: Executor,
  dir: Directory,
  plan: PlanV1,
  review: ImportReviewDto,
  scope: MatchScope,
): Promise<UnitMatchDto[]> {
  const names = printedUnitNames(plan);
  const raw = names.map((n) => ({
    ...n,
    candidates: matchUnitName(n.name, scope.entries, { localities: scope.localities }),
  }));
  const groupIds = new Set<string>();
  for (const r of raw) for (const c of r.candidates) if (c.type === "group") groupIds.add(c.id);
  for (const res of Object.values(review.units)) if (res?.type === "group") groupIds.add(res.id);
  const members = await groupMembers(db, dir, groupIds);
  const withMembers = (c: { id: string; name: string; type: "unit" | "group"; confidence: number }) => ({
    ...c,
    members: c.type === "group" ? (members.get(c.id) ?? []) : [],
  });

  return raw.map((r) => {
    const candidates = r.candidates.map(withMembers);
    let chosen: UnitMatchDto["chosen"] = null;
    if (Object.hasOwn(review.units, r.name)) {
      const res = review.units[r.name];
      const entity = res ? (res.type === "unit" ? dir.units.get(res.id) : dir.groups.get(res.id)) : undefined;
      if (res && entity) {
        const confidence = candidates.find((c) => c.id === res.id)?.confidence ?? 1;
        chosen = {
          ...withMembers({ id: entity.id, name: entity.name, type: res.type, confidence }),
          excludedUnitIds: res.excludedUnitIds ?? [],
          auto: false,
        };
      }
    } else {
      const top = candidates[0];
      if (top && top.confidence >= AUTO_ACCEPT_CONFIDENCE) chosen = { ...top, excludedUnitIds: [], auto: true };
    }
    return {
      name: r.name,
      roles: [...r.roles].sort(),
      taskIndexes: r.tasks,
      candidates,
      chosen,
    };
  });
}

/** The unit ids a chosen match assigns (a group: its members minus the excluded ones). */
export function assignedUnitIds(chosen: NonNullable<UnitMatchDto["chosen"]>): string[] {
  if (chosen.type === "unit") return [chosen.id];
  const excluded = new Set(chosen.excludedUnitIds);
  return chosen.members.map((m) => m.id).filter((id) => !excluded.has(id));
}

// ── references and task links ──────────────────────────────────────────────────────────────────────────────────

export function presentPlanRef(
  p: Pick<Plan, "id" | "doc_type" | "number" | "title" | "issuer_name" | "issued_at" | "status" | "is_stub">,
): PlanRefDto {
  return {
    id: p.id,
    docType: p.doc_type,
    number: p.number,
    title: p.title,
    issuerName: p.issuer_name,
    issuedAt: p.issued_at,
    status: p.status,
    isStub: p.is_stub === 1,
  };
}

/** Two issuer names denote the same body (after expanding abbreviations and folding). */
export function sameIssuer(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const ca = canonicalUnitName(a);
  const cb = canonicalUnitName(b);
  return ca === cb || ca.endsWith(cb) || cb.endsWith(ca);
}

/** Plans of the system a reference names: same number, and the same issuer when both are known. */
export async function matchReferences(db: Executor, plan: PlanV1): Promise<ReferenceMatchDto[]> {
  const out: ReferenceMatchDto[] = [];
  for (const [index, r] of (plan.references ?? []).entries()) {
    // A draft is visible only inside its issuer (plan.read): it is never offered as a superior plan.
    const plans = r.number
      ? (await findPlansByNumber(db, r.number)).filter(
          (p) => p.status !== "draft" && sameIssuer(r.issuer, p.issuer_name),
        )
      : [];
    out.push({
      index,
      docType: r.doc_type,
      number: r.number,
      issuedAt: r.issued_at,
      issuer: r.issuer,
      plans: plans.map(presentPlanRef),
      canCreateStub: plans.length === 0 && !!r.number,
    });
  }
  return out;
}

function trigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const t = `  ${s} `;
  for (let i = 0; i + 3 <= t.length; i++) {
    const g = t.slice(i, i + 3);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Character-trigram Dice coefficient of two folded titles, 0..1. */
export function titleSimilarity(a: string, b: string): number {
  const A = trigrams(searchKey(a));
  const B = trigrams(searchKey(b));
  let na = 0;
  let nb = 0;
  let inter = 0;
  for (const v of A.values()) na += v;
  for (const v of B.values()) nb += v;
  for (const [g, v] of A) inter += Math.min(v, B.get(g) ?? 0);
  return na + nb === 0 ? 0 : (2 * inter) / (na + nb);
}

/** How the superior plans of a draft were settled: by the coordinator, explicitly none, or from the references. */
export type SuperiorChoice = "chosen" | "none" | "automatic";

/**
 * The superior plans publishing links to: the ones chosen; none when the coordinator said there is none in the system;
 * else each reference's plan when the reference names exactly one.
 */
export function superiorPlansOf(
  review: ImportReviewDto,
  references: readonly ReferenceMatchDto[],
): { choice: SuperiorChoice; planIds: string[] } {
  if (review.superiorPlanIds.length) return { choice: "chosen", planIds: [...review.superiorPlanIds] };
  if (review.noSuperiorPlan) return { choice: "none", planIds: [] };
  return {
    choice: "automatic",
    planIds: references.flatMap((r) => (r.plans.length === 1 && r.plans[0] ? [r.plans[0].id] : [])),
  };
}

export const TASK_LINK_MIN_SCORE = 0.3;

/**
 * Which of `ids` a new plan may implement or link tasks to: existing plans that are not drafts. A draft is readable
 * only inside its issuer, so naming one (by id) must neither show its tasks nor link to it. One query.
 */
export async function linkablePlanIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await listPlans(db, {
    ids: unique,
    status: ["published", "closed"],
    includeStubs: true,
    limit: unique.length,
  });
  return new Set(rows.map((p) => p.id));
}

/** For each task, the most similar tasks of the superior plans (best 3 above the threshold). */
export async function suggestTaskLinks(
  db: Executor,
  plan: PlanV1,
  superiorPlanIds: readonly string[],
): Promise<TaskLinkSuggestionDto[]> {
  const superiorTasks: { id: string; plan_id: string; ref: string | null; title: string }[] = [];
  const linkable = await linkablePlanIds(db, superiorPlanIds);
  for (const id of linkable) {
    const sup = await getPlanWithTasks(db, id);
    if (sup) superiorTasks.push(...sup.tasks);
  }
  if (superiorTasks.length === 0) return [];
  return plan.tasks.map((t, taskIndex) => ({
    taskIndex,
    candidates: superiorTasks
      .map((s) => ({
        taskId: s.id,
        planId: s.plan_id,
        ref: s.ref,
        title: s.title,
        score: Math.round(titleSimilarity(t.title, s.title) * 1000) / 1000,
      }))
      .filter((c) => c.score >= TASK_LINK_MIN_SCORE)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3),
  }));
}

// ── problems ───────────────────────────────────────────────────────────────────────────────────────────────────

function taskLabel(plan: PlanV1, i: number): string {
  const ref = plan.tasks[i]?.ref?.trim();
  return ref ? `Nhiệm vụ ${ref}` : `Nhiệm vụ thứ ${i + 1}`;
}

/** The contract's problems plus the directory's: unresolved issuer and lead units block publishing. */
export function reviewProblems(
  plan: PlanV1,
  matches: readonly UnitMatchDto[],
  issuer: IssuerResolution,
): PlanProblemDto[] {
  const problems: PlanProblemDto[] = validatePlan(plan).map((p) => ({ ...p }));
  if (!issuer.chosen) {
    problems.push({
      path: "plan.issuer",
      code: "unresolved_issuer",
      severity: "error",
      message: plan.plan.issuer
        ? `Cơ quan ban hành “${plan.plan.issuer}” chưa được khớp với danh mục đơn vị.`
        : "Chưa xác định cơ quan ban hành trong danh mục đơn vị.",
    });
  }
  const byName = new Map(matches.map((m) => [m.name, m]));
  plan.tasks.forEach((t, i) => {
    for (const [role, names] of [
      ["lead", t.lead],
      ["support", t.support],
    ] as const) {
      (names ?? []).forEach((raw, j) => {
        const m = byName.get(raw.trim());
        if (!m) return;
        const path = `tasks.${i}.${role}.${j}`;
        if (!m.chosen) {
          problems.push(
            role === "lead"
              ? {
                  path,
                  code: "unresolved_unit",
                  severity: "error",
                  message: `${taskLabel(plan, i)}: đơn vị chủ trì “${m.name}” chưa được khớp với danh mục đơn vị.`,
                }
              : {
                  path,
                  code: "unresolved_unit",
                  severity: "warning",
                  message: `${taskLabel(plan, i)}: đơn vị phối hợp “${m.name}” chưa được khớp với danh mục đơn vị; đơn vị này sẽ không được giao nhiệm vụ.`,
                },
          );
        } else if (assignedUnitIds(m.chosen).length === 0) {
          problems.push({
            path,
            code: "empty_group",
            severity: role === "lead" ? "error" : "warning",
            message: `${taskLabel(plan, i)}: nhóm “${m.chosen.name}” không còn đơn vị nào để giao.`,
          });
        }
      });
    }
  });
  return sortProblems(problems);
}

/** Errors first, otherwise in the order found. */
export function sortProblems(problems: readonly PlanProblemDto[]): PlanProblemDto[] {
  const rank = (p: PlanProblemDto) => (p.severity === "error" ? 0 : 1);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
}

// ── everything at once ─────────────────────────────────────────────────────────────────────────────────────────

export interface ImportAnalysis {
  issuer: IssuerResolution;
  matches: UnitMatchDto[];
  references: ReferenceMatchDto[];
  taskLinks: TaskLinkSuggestionDto[];
  problems: PlanProblemDto[];
  directory: Directory;
}

export async function analyzeImport(
  db: Executor,
  plan: PlanV1 | null,
  review: ImportReviewDto,
  directory?: Directory,
): Promise<ImportAnalysis> {
  const dir = directory ?? (await loadDirectory(db));
  if (!plan) {
    return {
      issuer: { chosen: null, candidates: [] },
      matches: [],
      references: [],
      taskLinks: [],
      problems: [],
      directory: dir,
    };
  }
  const issuer = resolveIssuer(dir, plan.plan.issuer, review.issuerUnitId);
  const scope = matchScope(dir, issuer.chosen?.id ?? null);
  const matches = await matchUnits(db, dir, plan, review, scope);
  const references = await matchReferences(db, plan);
  const none = superiorPlansOf(review, references).choice === "none";
  // Suggestions come from every plan the references name (a stub has no tasks); none when there is no superior plan.
  const superiorIds = none
    ? []
    : review.superiorPlanIds.length
      ? review.superiorPlanIds
      : references.flatMap((r) => r.plans.filter((p) => !p.isStub).map((p) => p.id));
  const taskLinks = await suggestTaskLinks(db, plan, superiorIds);
  const problems = reviewProblems(plan, matches, issuer);
  const linkedTasks = Object.keys(review.taskParents).length;
  if (none && linkedTasks > 0) {
    problems.push({
      path: "superiorPlanIds",
      code: "task_links_without_superior",
      severity: "warning",
      message: `Đã chọn không liên kết kế hoạch cấp trên: liên kết của ${linkedTasks} nhiệm vụ với nhiệm vụ cấp trên sẽ không được lưu khi ban hành.`,
    });
  }
  if (review.superiorPlanIds.length) {
    const linkable = await linkablePlanIds(db, review.superiorPlanIds);
    review.superiorPlanIds.forEach((id, i) => {
      if (linkable.has(id)) return;
      problems.push({
        path: `superiorPlanIds.${i}`,
        code: "unknown_superior_plan",
        severity: "error",
        message: "Không tìm thấy kế hoạch cấp trên đã chọn.",
      });
    });
  }
  const parentIds = none ? [] : Object.values(review.taskParents).map((p) => p.parentTaskId);
  if (parentIds.length) {
    const parentTasks = (await getTasksWithAssignments(db, parentIds)).tasks;
    const linkable = await linkablePlanIds(
      db,
      parentTasks.map((t) => t.plan_id),
    );
    const found = new Set(parentTasks.filter((t) => linkable.has(t.plan_id)).map((t) => t.id));
    for (const [index, link] of Object.entries(review.taskParents)) {
      const i = Number(index);
      if (!plan.tasks[i]) {
        problems.push({
          path: `tasks.${index}`,
          code: "unknown_task",
          severity: "error",
          message: `Liên kết nhiệm vụ cấp trên trỏ tới nhiệm vụ thứ ${i + 1} không có trong kế hoạch.`,
        });
      } else if (!found.has(link.parentTaskId)) {
        problems.push({
          path: `tasks.${index}.parent`,
          code: "unknown_parent_task",
          severity: "error",
          message: `${taskLabel(plan, i)}: không tìm thấy nhiệm vụ cấp trên đã chọn.`,
        });
      }
    }
  }
  return { issuer, matches, references, taskLinks, problems: sortProblems(problems), directory: dir };
}
