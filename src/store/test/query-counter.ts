import type { Kysely, KyselyPlugin } from "kysely";

/** A view of `db` that counts the statements it sends, to prove a fixed number of queries (no N+1). */
export function countingDb<T>(db: Kysely<T>): { db: Kysely<T>; count: () => number; reset: () => void } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return {
    db: db.withPlugin(plugin),
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}
