import { z } from "zod";
import type { MembershipDto, SessionDto, UserDto } from "../api-types.js";
import { dto, RoleSchema } from "./common.schema.js";

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
});

export const MembershipDtoSchema = dto<MembershipDto>()(
  z.object({ unitId: z.string(), unitName: z.string(), role: RoleSchema }),
);

export const UserDtoSchema = dto<UserDto>()(
  z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    isAdmin: z.boolean(),
    memberships: z.array(MembershipDtoSchema),
  }),
);

export const SessionDtoSchema = dto<SessionDto>()(
  z.object({
    user: UserDtoSchema,
    csrfToken: z.string(),
    abilities: z.object({ manageUsers: z.boolean(), readAudit: z.boolean(), importPlans: z.boolean() }),
    expiresAt: z.string().nullable(),
    idleMinutes: z.number().int(),
  }),
);
