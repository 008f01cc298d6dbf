import type { SessionDto } from "../../server/api-types.js";
import { ApiRequestError, api, setCsrfToken } from "./client.js";

export async function login(username: string, password: string): Promise<SessionDto> {
  const session = await api.post<SessionDto>("/auth/login", { username, password }, { expectUnauthenticated: true });
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session, or null when not signed in. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionDto | null> {
  try {
    const session = await api.get<SessionDto>("/auth/me", { signal, expectUnauthenticated: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** Ends the session on the server. Throws (keeping the session) if the server could not be told. */
export async function logout(): Promise<void> {
  try {
    await api.post<unknown>("/auth/logout", {}, { expectUnauthenticated: true });
  } catch (err) {
    // Already signed out (expired or revoked elsewhere): that is what the user wanted.
    if (!(err instanceof ApiRequestError && err.status === 401)) throw err;
  }
  setCsrfToken(null);
}
