/** Structure extraction: cleaned plan text → tiendo.plan.v1 with spans. */
export { type ExtractResult, extractPlan } from "./extract.js";
export { normaliseDocNumber, type ReferenceHit, referencesIn } from "./references.js";
export { type ReportingHit, reportingIn } from "./reporting.js";
export { inlineTimeframe, parseTimeframe } from "./timeframe.js";
export { looksLikeUnit, partnersIn, readUnitsAt, splitUnits } from "./units.js";
