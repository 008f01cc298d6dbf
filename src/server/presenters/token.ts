import type { ApiToken } from "../../store/schema.js";
import type { ApiTokenDto } from "../api-types.js";

export function presentApiToken(t: ApiToken): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    expiresAt: t.expires_at,
  };
}
