import { compiledQuery } from "../db/compiled-query.js";
import type { Db } from "../db/database.js";
import { newId } from "../lib/ids.js";
import type { EnqueueOptions, JobDefinition } from "./definition.js";

// "Due at once" sorts before every real time, so it never waits on a clock that runs behind.
const IMMEDIATELY = new Date(0).toISOString();

/**
 * Writes a job into the database, normally inside the transaction of the change that causes it (`work.enqueue`),
 * so the change and its follow-up work commit or vanish together.
 */
export async function enqueueJob<P>(
  db: Db,
  definition: JobDefinition<P>,
  payload: NoInfer<P>,
  options: EnqueueOptions = {},
): Promise<void> {
  await insertJob(db, {
    id: newId(),
    kind: definition.kind,
    payload: JSON.stringify(payload),
    runAt: options.runAt ?? IMMEDIATELY,
    key: options.key ?? null,
    maxAttempts: definition.maxAttempts,
    createdAt: new Date().toISOString(),
  });
}

const insertJob = compiledQuery(
  (
    db,
    p: {
      id: string;
      kind: string;
      payload: string;
      runAt: string;
      key: string | null;
      maxAttempts: number;
      createdAt: string;
    },
  ) =>
    db
      .insertInto("jobs")
      .values({ ...p, lockedUntil: null, lockedBy: null, doneAt: null, lastError: null, failedAt: null })
      .onConflict((oc) => oc.column("key").doNothing()),
);

/** Deletes jobs that finished (done or given up on) before `before`; returns how many. Waiting jobs are never touched. */
export async function deleteFinishedJobs(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom("jobs")
    .where("doneAt", "is not", null)
    .where("doneAt", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
