import type { z } from "zod";
import type { AppContext } from "../context.js";
import type { Work } from "../db/work.js";

export interface JobInfo {
  id: string;
  kind: string;
  /** This run's attempt, counted from 1; the last one is `attempts === maxAttempts`. */
  attempts: number;
  maxAttempts: number;
  runAt: string;
}

/** Attempts of a kind that does not say otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * A kind of background job: what its payload looks like, how often it is tried and what runs it. A value, not a
 * registration: producers enqueue through it (so a payload of the wrong shape does not compile) and the composition
 * root hands the list of definitions to the worker.
 */
export type JobDefinition<P> = JobKind<P> & JobRunner<P>;

interface JobKind<P> {
  readonly kind: string;
  /** The stored payload is parsed with it before it runs; one that does not parse fails the job at once. */
  readonly payload: z.ZodType<P>;
  readonly maxAttempts: number;
  /**
   * At most this many jobs of the kind run at once in one worker, each apart from the batch, so a slow kind (text
   * extraction, renditions, OCR) never holds back the robots and notifications queued behind it. Absent = the kind
   * is quick: it runs in the worker's batches, as many at once as the batch holds. A job of a limited kind must end
   * well within the worker's claim (60 s), or another worker may take it again.
   */
  readonly concurrency?: number;
}

/** Either runs on its own, or writes only through the worker's Work. Must be idempotent: a job may run again after a
 * crash, so it reloads state and skips stale work. */
type JobRunner<P> =
  | { run(ctx: AppContext, payload: P, job: JobInfo): Promise<void>; runInWork?: undefined; lockOrder?: undefined }
  | {
      /**
       * The quick jobs of such kinds that a worker claims together run in one transaction: a batch costs one commit,
       * and each job is marked done in that transaction, so its effects and its "done" commit (or vanish) together.
       * The job is handed the batch's Work itself, so when it throws it must leave nothing of its own behind: it does
       * its writes behind a savepoint (`inSavepoint`), whose rollback undoes only them, and the batch goes on. (The
       * worker first runs a batch without savepoints; a job that throws there makes it run the batch again with them.)
       */
      runInWork(ctx: AppContext, work: Work, payload: P, job: JobInfo): Promise<void>;
      /**
       * The row the job locks first (a robot: its item). A batch runs its jobs in this order, keeping claim order
       * among equals, so two workers' batches take their locks in one order and cannot deadlock each other.
       */
      lockOrder?(payload: P): string;
      run?: undefined;
    };

/** Any definition, as the worker holds them. */
export type SomeJobDefinition = JobDefinition<unknown>;

export function defineJob<P>(
  definition: Omit<JobKind<P>, "maxAttempts"> & { maxAttempts?: number } & JobRunner<P>,
): JobDefinition<P> {
  return { ...definition, maxAttempts: definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS };
}

export interface EnqueueOptions {
  /** ISO time when it becomes due; omitted = due at once. */
  runAt?: string;
  /** Unique: enqueueing a second job with the same key does nothing (e.g. one reminder per robot and stage entry). */
  key?: string;
}

/** Thrown by a handler when no retry can help (a hostile or broken file): the job is failed at once with this reason. */
export class JobGaveUp extends Error {
  override readonly name = "JobGaveUp";
}
