/**
 * tiendo.plan.v1 — a plan document as structured data (see docs/contracts/plan-v1.md).
 * What the importer outputs, what the review screen edits and what publishing consumes.
 */

export const PLAN_FORMAT = "tiendo.plan.v1" as const;

/** ISO date `YYYY-MM-DD`. */
export type IsoDate = string;

export type TimeframeKind = "ongoing" | "recurring" | "by" | "period" | "conditional" | "unspecified";

export interface Timeframe {
  text: string | null;
  kind: TimeframeKind;
  start: IsoDate | null;
  end: IsoDate | null;
  deadlines: IsoDate[];
}

export interface PlanMeta {
  doc_type: string | null;
  number: string | null;
  issuer: string | null;
  issued_at: IsoDate | null;
  place: string | null;
  title: string | null;
  period: { start: IsoDate | null; end: IsoDate | null } | null;
  signer: string | null;
}

export interface PlanReference {
  doc_type: string | null;
  number: string | null;
  issued_at: IsoDate | null;
  issuer: string | null;
}

export interface PlanGroup {
  ref: string;
  title: string;
}

export interface PlanTask {
  ref: string | null;
  group: string | null;
  title: string;
  lead: string[];
  support: string[];
  product: string | null;
  detail?: string | null;
  timeframe: Timeframe;
}

export type ReportingFrequency = "monthly" | "quarterly" | "semiannual" | "annual" | "adhoc";

export interface ReportingRule {
  text: string;
  frequency: ReportingFrequency;
  day: number | null;
  month: number | null;
  month_in_period: number | null;
  recipient: string | null;
}

export type Comparator = ">" | ">=" | "<" | "<=" | "=";

export interface PlanTarget {
  text: string;
  metric: string | null;
  comparator: Comparator | null;
  value: number | null;
  unit: string | null;
  owner: string | null;
}

export interface EmulationPhase {
  name: string;
  start: IsoDate | null;
  end: IsoDate | null;
  milestone: string | null;
}

export interface Emulation {
  name: string | null;
  standing_body: string | null;
  subjects: { kind: "collective" | "individual"; text: string }[];
  contents: string[];
  phases: EmulationPhase[];
  criteria: { subject: string; items: string[] }[];
  awards: string[];
}

export interface PlanV1 {
  format: typeof PLAN_FORMAT;
  source: string | null;
  plan: PlanMeta;
  references: PlanReference[];
  groups: PlanGroup[];
  tasks: PlanTask[];
  reporting: ReportingRule[];
  targets: PlanTarget[];
  emulation: Emulation | null;
}

/** A character range `[start, end)` in the cleaned source text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Where each extracted field came from, keyed by a JSON-pointer-like path into the PlanV1
 * object: "plan.number", "tasks.3.title", "tasks.3.lead.0", "reporting.1.text", …
 */
export type PlanSpans = Record<string, Span>;
