import { nowIso, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";

/** One transaction of a use case, and what must happen only once it has committed. */
export interface Work {
  trx: Db;
  /** The moment of the change, shared by every row it writes. */
  at: string;
  afterCommit(task: () => unknown): void;
}

/**
 * Runs `fn` in one transaction; after it commits, wakes the worker (the change may have enqueued jobs) and runs the
 * after-commit tasks (live pushes). Nothing is pushed for a change that rolled back.
 */
export async function inTransaction<T>(ctx: AppContext, fn: (work: Work) => Promise<T>): Promise<T> {
  const tasks: (() => unknown)[] = [];
  const at = nowIso(ctx);
  const result = await ctx.db.transaction().execute((trx) => fn({ trx, at, afterCommit: (task) => tasks.push(task) }));
  ctx.wakeWorker();
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      ctx.log.warn({ err: error }, "after-commit task failed");
    }
  }
  return result;
}
