/**
 * Who is acting, and the transaction a command runs in.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../store/db.js";
import type { DB, Role } from "../store/schema.js";

export interface ActorMembership {
  unitId: string;
  unitName: string;
  role: Role;
}

export interface UserActor {
  kind: "user";
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  memberships: readonly ActorMembership[];
  /** How the request authenticated: cookie session, Bearer API token, or the CLI acting as this user. */
  via: "session" | "token" | "cli";
  sessionId: string | null;
  tokenId: string | null;
}

/** The CLI and background jobs: allowed everything, recorded under `label`. */
export interface SystemActor {
  kind: "system";
  label: string;
}

export type Actor = UserActor | SystemActor;

export const SYSTEM_ACTOR: SystemActor = { kind: "system", label: "system" };

export interface CommandContext {
  tx: Transaction<DB>;
  actor: Actor;
  ip: string | null;
  now: Date;
}

export type Executor = Kysely<DB>;

/** Runs `fn` as one transaction; everything it writes (including the audit rows) commits or rolls back together. */
export async function runCommand<T>(
  database: Database | Kysely<DB>,
  who: { actor: Actor; ip?: string | null; now?: Date },
  fn: (ctx: CommandContext) => Promise<T>,
): Promise<T> {
  const db = "db" in database && "dialect" in database ? database.db : (database as Kysely<DB>);
  return db.transaction().execute((tx) => fn({ tx, actor: who.actor, ip: who.ip ?? null, now: who.now ?? new Date() }));
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.id : null;
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === "system") return actor.label;
  if (actor.via === "token") return `${actor.username} (token)`;
  if (actor.via === "cli") return `${actor.username} (cli)`;
  return actor.username;
}
