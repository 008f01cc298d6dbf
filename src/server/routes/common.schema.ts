import { z } from "zod";

/** Ties a zod schema to a shared API type: the schema's output must be assignable to T. */
export const dto =
  <T>() =>
  <S extends z.ZodType<T>>(schema: S): S =>
    schema;

export const IdParams = z.object({ id: z.string().min(1).max(100) });

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const RoleSchema = z.enum(["admin", "coordinator", "leader", "reporter", "viewer"]);

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
