import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import { compiledQuery } from "./compiled-query.js";
import { nowIso, type AppContext } from "../context.js";
import type { EnqueueOptions, JobDefinition } from "../jobs/definition.js";
import { enqueueJob } from "../jobs/queue.js";
import { newId } from "../lib/ids.js";
import type { DatabaseHandle } from "./database.js";
import type { Database } from "./schema.js";

/**
 * An open transaction. A bare `Db` handle is not assignable to it, so a function that must run inside the caller's
 * transaction (an audit row, a job, a counter) says so in its signature and the compiler refuses anything else.
 */
export type Trx = Transaction<Database>;

export interface AuditEntry {
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  details?: Record<string, unknown>;
  /** Defaults to the moment of the work. */
  at?: string;
}

/** One unit of work of a use case: its transaction, and what must happen only once it has committed. */
export interface Work {
  trx: Trx;
  /** The moment of the change, shared by every row it writes. */
  at: string;
  /**
   * Adds a history row to this transaction, so a change and its history commit together. The rows are inserted
   * together when the Work ends, just before it commits, or when a savepoint's unit ends (nothing reads the history
   * inside a Work).
   */
  audit: (entry: AuditEntry) => Promise<void>;
  /** Enqueues a job of that kind in this transaction; the worker is woken once it commits. */
  enqueue<P>(definition: JobDefinition<P>, payload: NoInfer<P>, options?: EnqueueOptions): Promise<void>;
  afterCommit: (task: () => unknown) => void;
  /**
   * A worker's batch run first without savepoints (`inOptimisticBatch`): `inSavepoint` then runs its unit in place,
   * and a unit that throws aborts the whole run (`BatchRunAgain`), which then runs again with savepoints.
   */
  optimistic?: boolean;
}

/** A unit of an optimistic batch failed: nothing of the batch may commit; it runs again, each unit behind a savepoint. */
export class BatchRunAgain extends Error {
  override readonly name = "BatchRunAgain";
  constructor(readonly reason: unknown) {
    super("a unit of the batch failed; the batch runs again with savepoints");
  }
}

export type WorkContext = Pick<AppContext, "db" | "clock" | "log" | "wakeWorker">;

/**
 * Runs `fn` as one unit of work: one transaction for the change, its audit rows and the jobs it causes; after it
 * commits, wakes the worker and runs the after-commit tasks (live pushes). Nothing runs after a rollback.
 */
export async function inTransaction<T>(ctx: WorkContext, fn: (work: Work) => Promise<T>): Promise<T> {
  const tasks: (() => unknown)[] = [];
  const at = nowIso(ctx);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const history: AuditRow[] = [];
    historyOfTransaction.set(trx, history);
    let ended = false;
    const value = await fn({
      trx,
      at,
      audit: (entry) => {
        // Once its rows are written a Work takes no more (an after-commit task must not think it wrote history).
        if (ended) return Promise.reject(new Error("a history row was added after its Work ended"));
        history.push(auditRow(entry, at));
        return Promise.resolve();
      },
      enqueue: (definition, payload, options) => enqueueJob(trx, definition, payload, options),
      afterCommit: (task) => tasks.push(task),
    });
    ended = true;
    await insertAuditRows(trx, history);
    return value;
  });
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

/**
 * Runs `fn` as a unit of work nested in `work`'s transaction, behind a SAVEPOINT: when it throws, only its own rows
 * (and the jobs it enqueued) are rolled back and its after-commit tasks are dropped, and the enclosing transaction goes
 * on. The worker runs a batch of robots this way: one commit for the batch, one robot's failure undoing only itself.
 */
export async function inSavepoint<T>(work: Work, fn: (work: Work) => Promise<T>): Promise<T> {
  if (work.optimistic) {
    try {
      return await fn(work);
    } catch (error) {
      throw error instanceof BatchRunAgain ? error : new BatchRunAgain(error);
    }
  }
  const tasks: (() => unknown)[] = [];
  const history = historyOfTransaction.get(work.trx);
  const historyBefore = history?.length ?? 0;
  await work.trx.executeQuery(SAVEPOINT);
  let result: T;
  try {
    result = await fn({ ...work, afterCommit: (task) => tasks.push(task) });
    // Its own history rows are written behind its savepoint, so a refused one undoes only this unit.
    if (history) await insertAuditRows(work.trx, history.splice(historyBefore));
  } catch (error) {
    await work.trx.executeQuery(ROLLBACK_TO_SAVEPOINT);
    await work.trx.executeQuery(RELEASE_SAVEPOINT);
    if (history) history.length = Math.min(history.length, historyBefore); // nor are they written later
    throw error;
  }
  await work.trx.executeQuery(RELEASE_SAVEPOINT);
  for (const task of tasks) work.afterCommit(task);
  return result;
}

/**
 * Runs a worker's batch in `work`'s transaction, behind a savepoint: first optimistically (`optimistic`: its units run
 * in place, and their history rows are written at its end, in one insert); when a unit fails (`BatchRunAgain`) or that
 * insert is refused, everything the run wrote, its history rows and its after-commit tasks are dropped back to the
 * savepoint, and the batch runs again with each unit behind a savepoint of its own, so a failure undoes only its unit.
 * What the transaction did before the batch (a claim's row locks) stays. The savepoint is released before it returns:
 * on PostgreSQL a row locked by the transaction and then updated inside a savepoint would need a MultiXact.
 */
export async function inOptimisticBatch<T>(work: Work, run: (work: Work) => Promise<T>): Promise<T> {
  const history = historyOfTransaction.get(work.trx);
  const historyBefore = history?.length ?? 0;
  const tasks: (() => unknown)[] = [];
  const runAgain = async () => {
    await work.trx.executeQuery(ROLLBACK_TO_SAVEPOINT);
    await work.trx.executeQuery(RELEASE_SAVEPOINT);
    if (history) history.length = Math.min(history.length, historyBefore);
    return run(work);
  };
  await work.trx.executeQuery(SAVEPOINT);
  let result: T;
  try {
    result = await run({ ...work, optimistic: true, afterCommit: (task) => tasks.push(task) });
  } catch (error) {
    if (error instanceof BatchRunAgain) return runAgain();
    throw error;
  }
  try {
    if (history) await insertAuditRows(work.trx, history.splice(historyBefore));
  } catch {
    return runAgain(); // a history row refused: the careful run writes each unit's behind its savepoint
  }
  await work.trx.executeQuery(RELEASE_SAVEPOINT);
  for (const task of tasks) work.afterCommit(task);
  return result;
}

// One name for every level: SQL's RELEASE and ROLLBACK TO act on the innermost savepoint of that name. Compiled once:
// a worker's batch of robots runs two of these per robot.
const SAVEPOINT = CompiledQuery.raw("savepoint unit");
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw("rollback to savepoint unit");
const RELEASE_SAVEPOINT = CompiledQuery.raw("release savepoint unit");

/**
 * A read shared by everything one transaction does, once per key: a worker's batch of robots reads a process version
 * or a user once, not once per robot. A read that fails is not kept, so the next caller looks again.
 */
export function oncePerTransaction<T>(): (trx: Trx, key: string, read: () => Promise<T>) => Promise<T> {
  const reads = new WeakMap<Trx, Map<string, Promise<T>>>();
  return (trx, key, read) => {
    const ofTransaction = reads.get(trx) ?? new Map<string, Promise<T>>();
    reads.set(trx, ofTransaction);
    let found = ofTransaction.get(key);
    if (!found) {
      found = read();
      found.catch(() => ofTransaction.delete(key));
      ofTransaction.set(key, found);
    }
    return found;
  };
}

/** Joins the caller's Work when there is one, else runs as a Work of its own: a use case others can compose. */
export const inWork = <T>(ctx: WorkContext, work: Work | undefined, fn: (work: Work) => Promise<T>): Promise<T> =>
  work ? fn(work) : inTransaction(ctx, fn);

interface AuditRow {
  id: string;
  at: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  details: string;
}

/** The history rows of each open transaction, not yet written. */
const historyOfTransaction = new WeakMap<Trx, AuditRow[]>();

/** The row is made when the entry is added, so its id (and the order of ids) is that moment's. */
const auditRow = (entry: AuditEntry, workAt: string): AuditRow => {
  const at = entry.at ?? workAt;
  return {
    id: newId(new Date(at).getTime()),
    at,
    actorId: entry.actorId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    details: JSON.stringify(entry.details ?? {}),
  };
};

/** At most this many rows an insert: a statement per length, up to compiledQuery's limit of shapes. */
const AUDIT_ROWS_PER_INSERT = 64;

/**
 * A Work's history rows in one insert (a worker's batch of 50 robots: one statement, not 50 round trips), compiled
 * once per number of rows, the values swapped in.
 */
const insertAuditRowsQuery = compiledQuery(
  (
    db,
    rows: {
      id: string[];
      at: string[];
      actorId: (string | null)[];
      entityType: string[];
      entityId: string[];
      action: string[];
      details: string[];
    },
  ) =>
    db.insertInto("auditLog").values(
      rows.id.map((id, i) => ({
        id,
        at: rows.at[i]!,
        actorId: rows.actorId[i] ?? null,
        entityType: rows.entityType[i]!,
        entityId: rows.entityId[i]!,
        action: rows.action[i]!,
        details: rows.details[i]!,
      })),
    ),
);

async function insertAuditRows(trx: Trx, rows: AuditRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += AUDIT_ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + AUDIT_ROWS_PER_INSERT);
    await insertAuditRowsQuery(trx, {
      id: chunk.map((r) => r.id),
      at: chunk.map((r) => r.at),
      actorId: chunk.map((r) => r.actorId),
      entityType: chunk.map((r) => r.entityType),
      entityId: chunk.map((r) => r.entityId),
      action: chunk.map((r) => r.action),
      details: chunk.map((r) => r.details),
    });
  }
}

/**
 * A transaction over the raw tables, without the camel-case plugin (backup and restore copy rows as stored).
 * `snapshot` reads every table as of one moment (repeatable read on PostgreSQL; SQLite's transaction already is).
 */
export function inRawTransaction<T>(
  handle: DatabaseHandle,
  fn: (trx: Transaction<unknown>) => Promise<T>,
  options: { snapshot?: boolean } = {},
): Promise<T> {
  const raw = handle.db.withoutPlugins() as unknown as Kysely<unknown>;
  const builder = raw.transaction();
  const isolated =
    options.snapshot && handle.dialect.name === "postgres" ? builder.setIsolationLevel("repeatable read") : builder;
  return isolated.execute(fn);
}
