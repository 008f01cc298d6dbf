import { z } from "zod";
import { Pagination, RoleSchema } from "./common.schema.js";

export const ListUsersQuery = Pagination.extend({ q: z.string().trim().max(100).optional() });

export const CreateUserBody = z.object({
  username: z.string().trim().min(3).max(50),
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(200).nullish(),
  password: z.string().min(8).max(256),
  isAdmin: z.boolean().optional(),
  memberships: z
    .array(z.object({ unitId: z.string().min(1).max(100), role: RoleSchema }))
    .max(100)
    .optional(),
});
