import type { MembershipDto, SessionDto } from "../api-types.js";
import type { UserActor } from "../context.js";
import { can } from "../policies/index.js";

export function presentSession(
  actor: UserActor,
  user: { email: string | null },
  session: { csrfToken: string; expiresAt: string | null },
  idleMinutes: number,
): SessionDto {
  const memberships: MembershipDto[] = actor.memberships.map((m) => ({
    unitId: m.unitId,
    unitName: m.unitName,
    role: m.role,
  }));
  return {
    user: {
      id: actor.id,
      username: actor.username,
      displayName: actor.displayName,
      email: user.email,
      isAdmin: actor.isAdmin,
      memberships,
    },
    csrfToken: session.csrfToken,
    abilities: {
      manageUsers: can(actor, "user.list", null),
      readAudit: can(actor, "audit.read", null),
      importPlans: can(actor, "plan.import", { unitPath: null }),
    },
    expiresAt: session.expiresAt,
    idleMinutes,
  };
}
