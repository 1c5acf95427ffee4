import type { Db } from "../db/database.js";
import { newId } from "../lib/ids.js";

export interface NewJob {
  kind: string;
  payload: object;
  /** ISO time when it becomes due; omitted = due at once. */
  runAt?: string;
  /** Unique: enqueueing a second job with the same key does nothing (e.g. one reminder per robot and stage entry). */
  key?: string;
  maxAttempts?: number;
}

// "Due at once" sorts before every real time, so it never waits on a clock that runs behind.
const IMMEDIATELY = new Date(0).toISOString();

/**
 * Writes a job into the database, normally inside the transaction of the change that causes it,
 * so the change and its follow-up work commit or vanish together.
 */
export async function enqueueJob(db: Db, job: NewJob): Promise<void> {
  await db
    .insertInto("jobs")
    .values({
      id: newId(),
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      runAt: job.runAt ?? IMMEDIATELY,
      key: job.key ?? null,
      maxAttempts: job.maxAttempts ?? 8,
      lockedUntil: null,
      lockedBy: null,
      doneAt: null,
      lastError: null,
      failedAt: null,
      createdAt: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}

/** Deletes jobs that finished (done or given up on) before `before`; returns how many. Waiting jobs are never touched. */
export async function deleteFinishedJobs(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom("jobs")
    .where("doneAt", "is not", null)
    .where("doneAt", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
