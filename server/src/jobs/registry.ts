import type { AppContext } from "../context.js";

export interface JobInfo {
  id: string;
  kind: string;
  attempts: number;
  runAt: string;
}

/** A handler must be idempotent: a job may run again after a crash, so it reloads state and skips stale work. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are parsed JSON; each handler declares its shape
export type JobHandler = (ctx: AppContext, payload: any, job: JobInfo) => Promise<void>;

export interface JobKindOptions {
  /**
   * At most this many jobs of the kind run at once in one worker, each apart from the batch, so a slow kind (text
   * extraction, renditions, OCR) never holds back the robots and notifications queued behind it. Absent = the kind
   * is quick: it runs in the worker's batches, as many at once as the batch holds. A job of a limited kind must end
   * well within the worker's claim (60 s), or another worker may take it again.
   */
  concurrency?: number;
}

export interface JobKind extends JobKindOptions {
  kind: string;
  run: JobHandler;
}

/** Thrown by a handler when no retry can help (a hostile or broken file): the job is failed at once with this reason. */
export class JobGaveUp extends Error {
  override readonly name = "JobGaveUp";
}

const kinds = new Map<string, JobKind>();

export function defineJob(kind: string, run: JobHandler, options: JobKindOptions = {}): void {
  kinds.set(kind, { kind, run, ...options });
}

export const jobKind = (kind: string) => kinds.get(kind);

/** Kinds that declared a concurrency: the worker claims each of them on its own. */
export const limitedJobKinds = () => [...kinds.values()].filter((k) => k.concurrency !== undefined);
