/**
 * Who is signed in. The session is bootstrapped from GET /auth/me once, replaced on login, cleared on logout or when
 * any request comes back 401 (expired or revoked elsewhere).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { SessionDto } from "../server/api-types.js";
import { fetchSession, logout } from "./api/auth.js";
import { errorMessage, onUnauthenticated, setCsrfToken } from "./api/client.js";

export type SessionState =
  | { status: "loading" }
  | { status: "error"; message: string }
  /** `reason`: never signed in this visit, signed out on purpose, or the session ended by itself (expired). */
  | { status: "anonymous"; reason: "initial" | "signedOut" | "expired" }
  | { status: "authenticated"; session: SessionDto };

interface SessionContextValue {
  state: SessionState;
  signedIn(session: SessionDto): void;
  signOut(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // `attempt` re-runs the bootstrap when the user presses "Thử lại".
    void attempt;
    const controller = new AbortController();
    fetchSession(controller.signal).then(
      (session) =>
        setState(session ? { status: "authenticated", session } : { status: "anonymous", reason: "initial" }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: "error", message: errorMessage(err) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        setState({ status: "anonymous", reason: "expired" });
      }),
    [],
  );

  const signedIn = useCallback((session: SessionDto) => setState({ status: "authenticated", session }), []);
  const signOut = useCallback(async () => {
    await logout();
    setState({ status: "anonymous", reason: "signedOut" });
  }, []);
  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut, retry }), [state, signedIn, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionProvider");
  return ctx;
}

/** The signed-in session; only for components rendered behind RequireAuth. */
export function useCurrentSession(): SessionDto {
  const { state } = useSession();
  if (state.status !== "authenticated") throw new Error("useCurrentSession without a session");
  return state.session;
}
