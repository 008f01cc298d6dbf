/**
 * tiendo's pure domain: no I/O, no clock (today is always a parameter).
 */
export * from "./dates.js";
export * from "./holidays.js";
export * from "./lunar.js";
export * from "./plan-v1.js";
export * from "./plan-validation.js";
export * from "./rates.js";
export * from "./reporting-calendar.js";
export * from "./rollup.js";
export * from "./task-status.js";
export * from "./text.js";
export * from "./timeframe.js";
export * from "./unit-match.js";
