import { z } from "zod";
import type { ApiTokenDto, CreatedApiTokenDto } from "../api-types.js";
import { dto } from "./common.schema.js";

export const CreateTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** ISO date or timestamp; omitted = never expires. */
  expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
});

export const ApiTokenDtoSchema = dto<ApiTokenDto>()(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  }),
);

export const CreatedApiTokenDtoSchema = dto<CreatedApiTokenDto>()(ApiTokenDtoSchema.extend({ token: z.string() }));
