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

const handlers = new Map<string, JobHandler>();

export function defineJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export const handlerFor = (kind: string) => handlers.get(kind);
