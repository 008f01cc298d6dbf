import { newId } from "../../store/ids.js";
import { existingUnitIds, insertMembership } from "../../store/repos/memberships.js";
import { findUserByUsername, insertUser, normalizeUsername } from "../../store/repos/users.js";
import type { Role, User } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import { assertAcceptablePassword, hashPassword } from "../auth/password.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;
export const USERNAME_RULE = "Tên đăng nhập gồm 3–50 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.";

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
  isAdmin?: boolean;
  memberships?: { unitId: string; role: Role }[];
}

/** Creates a local account with its memberships. Callers authorize (who may create, in which units) beforehand. */
export async function createUser(ctx: CommandContext, input: CreateUserInput): Promise<User> {
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) {
    throw new AppError("VALIDATION", USERNAME_RULE, { fields: { username: USERNAME_RULE } });
  }
  assertAcceptablePassword(input.password, username);
  if (await findUserByUsername(ctx.tx, username)) {
    throw new AppError("CONFLICT", "Tên đăng nhập đã được sử dụng.", {
      fields: { username: "Tên đăng nhập đã được sử dụng." },
    });
  }
  const memberships = dedupe(input.memberships ?? []);
  const known = await existingUnitIds(
    ctx.tx,
    memberships.map((m) => m.unitId),
  );
  const fields: Record<string, string> = {};
  memberships.forEach((m, i) => {
    if (!known.has(m.unitId)) fields[`memberships.${i}.unitId`] = "Không tìm thấy đơn vị.";
  });
  if (Object.keys(fields).length) throw new AppError("VALIDATION", "Đơn vị không tồn tại.", { fields });

  const nowIso = ctx.now.toISOString();
  const user = await insertUser(ctx.tx, {
    id: newId(),
    username,
    display_name: input.displayName.trim(),
    email: input.email?.trim() || null,
    password_hash: await hashPassword(input.password),
    is_admin: input.isAdmin ? 1 : 0,
    disabled: 0,
    locked_until: null,
    password_changed_at: nowIso,
    created_at: nowIso,
    updated_at: nowIso,
  });
  for (const m of memberships) {
    await insertMembership(ctx.tx, {
      id: newId(),
      user_id: user.id,
      unit_id: m.unitId,
      role: m.role,
      created_at: nowIso,
    });
  }
  await recordAudit(ctx, {
    action: "user.created",
    entityId: user.id,
    after: {
      username: user.username,
      displayName: user.display_name,
      email: user.email,
      isAdmin: user.is_admin === 1,
      disabled: false,
      memberships: memberships.map((m) => ({ userId: user.id, unitId: m.unitId, role: m.role })),
    },
  });
  return user;
}

function dedupe(ms: { unitId: string; role: Role }[]): { unitId: string; role: Role }[] {
  const seen = new Set<string>();
  return ms.filter((m) => {
    const k = `${m.unitId}\u0000${m.role}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
