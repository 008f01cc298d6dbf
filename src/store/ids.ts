import { randomUUID } from "node:crypto";

/** A new primary key: a random UUID, text on both engines. */
export function newId(): string {
  return randomUUID();
}

/** Anything that tells the time: a `{ now() }` object (Date.now-like or Date-returning) or a function. */
export type Clock = { now(): Date | number } | (() => Date | number);

function readClock(clock: Clock): Date | number {
  return typeof clock === "function" ? clock() : clock.now();
}

/** Current time as ISO-8601 UTC text ("2025-04-25T08:30:00.000Z"), the timestamp format of every table. */
export function nowIso(clock?: Clock): string {
  const t = clock ? readClock(clock) : Date.now();
  return new Date(t).toISOString();
}
