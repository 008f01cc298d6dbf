import { type DependencyList, useCallback, useEffect, useState } from "react";
import { errorMessage } from "./api/client.js";

export type LoadState<T> =
  | { status: "loading"; data: T | null }
  | { status: "done"; data: T }
  | { status: "error"; data: T | null; message: string };

/**
 * Runs `load` whenever `deps` change (aborting the previous request) and keeps the last data while reloading, so
 * lists do not flash empty. `reload()` runs it again with the same deps.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): LoadState<T> & { reload(): void } {
  const [state, setState] = useState<LoadState<T>>({ status: "loading", data: null });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is re-created each render; `deps` say when to run
  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => ({ status: "loading", data: prev.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "done", data });
      },
      (err: unknown) => {
        if (!controller.signal.aborted)
          setState((prev) => ({ status: "error", data: prev.data, message: errorMessage(err) }));
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
