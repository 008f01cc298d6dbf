import type { Actor } from "../context.js";
import { isSystemAdmin, isUser } from "./predicates.js";

export interface TokenTarget {
  id: string;
  userId: string;
}

export const tokenRules = {
  "token.list": (actor: Actor, _t: null) => actor.kind === "user",
  /** A token cannot mint tokens: creating one needs the person (cookie session or CLI). */
  "token.create": (actor: Actor, _t: null) =>
    actor.kind === "system" || (actor.kind === "user" && actor.via !== "token"),
  "token.read": (actor: Actor, token: TokenTarget) => isUser(actor, token.userId) || isSystemAdmin(actor),
  "token.revoke": (actor: Actor, token: TokenTarget) => isUser(actor, token.userId) || isSystemAdmin(actor),
};
