/**
 * `tiendo demo`: the demo directory and demo accounts, idempotently. Ids come from the entries' stable keys.
 */
import { createHash, randomInt } from "node:crypto";
import { addMembership } from "../../server/commands/add-membership.js";
import { createUser } from "../../server/commands/create-user.js";
import { type DirectoryGroup, type DirectoryUnit, seedDirectory } from "../../server/commands/seed-directory.js";
import { type Actor, runCommand } from "../../server/context.js";
import type { Database } from "../../store/db.js";
import { findUserByUsername } from "../../store/repos/users.js";
import {
  DEMO_ACCOUNTS,
  DEMO_GROUPS,
  DEMO_UNITS,
  type DemoAccount,
  type DemoGroup,
  type DemoUnit,
} from "./directory.js";

export const CLI_ACTOR: Actor = { kind: "system", label: "cli" };

/** A name-based UUID (version 5 layout) for a demo key: the same key gives the same id on every machine. */
export function stableId(key: string): string {
  const h = createHash("sha1").update(`tiendo-demo:${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function flattenUnits(units: readonly DemoUnit[], parentId: string | null = null): DirectoryUnit[] {
  const out: DirectoryUnit[] = [];
  for (const u of units) {
    const id = stableId(u.key);
    out.push({ id, name: u.name, shortName: u.shortName ?? null, kind: u.kind, parentId, aliases: u.aliases ?? [] });
    if (u.children) out.push(...flattenUnits(u.children, id));
  }
  return out;
}

export function demoGroups(groups: readonly DemoGroup[]): DirectoryGroup[] {
  return groups.map((g) => ({
    id: stableId(g.key),
    name: g.name,
    ownerUnitId: stableId(g.ownerKey),
    rule: g.rule,
    aliases: g.aliases ?? [],
    memberIds: (g.memberKeys ?? []).map(stableId),
  }));
}

/** A password that is easy to read aloud and type: three groups of letters and digits. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `${group()}-${group()}-${group()}`;
}

export interface DemoResult {
  unitsCreated: number;
  unitsUpdated: number;
  groupsCreated: number;
  groupsUpdated: number;
  accountsCreated: string[];
  /** Set when accounts were created now (the administrator's password, else the other accounts'). */
  password: string | null;
  /** Set when the administrator account was created now. */
  adminPassword: string | null;
  /** Set when other demo accounts were created now (their shared password). */
  demoPassword: string | null;
}

export async function seedDemo(
  database: Database,
  opts: { password?: string | undefined; demoPassword?: string | undefined; accounts?: readonly DemoAccount[] } = {},
): Promise<DemoResult> {
  const units = flattenUnits(DEMO_UNITS);
  const groups = demoGroups(DEMO_GROUPS);
  const dir = await runCommand(database, { actor: CLI_ACTOR }, (ctx) => seedDirectory(ctx, { units, groups }));
  const password = opts.password || generatePassword();
  // The other demo accounts share their own password when one is given (TIENDO_DEMO_PASSWORD), else the admin's.
  const demoPassword = opts.demoPassword || password;
  const accountsCreated: string[] = [];
  for (const acc of opts.accounts ?? DEMO_ACCOUNTS) {
    await runCommand(database, { actor: CLI_ACTOR }, async (ctx) => {
      const existing = await findUserByUsername(ctx.tx, acc.username);
      if (existing) {
        // Roles named in the demo data are restored if missing; the password is never touched.
        for (const m of acc.memberships) {
          await addMembership(ctx, { userId: existing.id, unitId: stableId(m.unitKey), role: m.role });
        }
        return;
      }
      await createUser(ctx, {
        username: acc.username,
        displayName: acc.displayName,
        password: acc.isAdmin ? password : demoPassword,
        isAdmin: acc.isAdmin ?? false,
        memberships: acc.memberships.map((m) => ({ unitId: stableId(m.unitKey), role: m.role })),
      });
      accountsCreated.push(acc.username);
    });
  }
  const adminCreated = accountsCreated.some(
    (u) => (opts.accounts ?? DEMO_ACCOUNTS).find((a) => a.username === u)?.isAdmin,
  );
  const othersCreated = accountsCreated.length > (adminCreated ? 1 : 0);
  return {
    ...dir,
    accountsCreated,
    password: adminCreated ? password : othersCreated ? demoPassword : null,
    adminPassword: adminCreated ? password : null,
    demoPassword: othersCreated ? demoPassword : null,
  };
}
