/**
 * Housekeeping: an hourly job that drops what nobody can use any more, so the tables do not grow for ever — sessions
 * past their expiry, and jobs finished (done or given up on) longer ago than DOCKET_JOB_RETENTION_DAYS.
 */
import { z } from "zod";
import type { AppContext } from "../context.js";
import { deleteFinishedJobs, enqueueJob } from "../jobs/queue.js";
import { defineJob } from "../jobs/definition.js";
import { purgeExpiredSessions } from "../modules/auth/index.js";
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Enqueues the next run at the start of the next hour; keyed by that moment, so every start enqueues the same one. */
export async function scheduleHousekeeping(ctx: Pick<AppContext, "db" | "clock">): Promise<void> {
  const runAt = new Date((Math.floor(ctx.clock.now().getTime() / HOUR_MS) + 1) * HOUR_MS).toISOString();
  await enqueueJob(ctx.db, housekeepingJob, {}, { runAt, key: `${housekeepingJob.kind}:${runAt}` });
}

async function runHousekeeping(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const sessions = await purgeExpiredSessions(ctx.db, now.toISOString());
  const finishedBefore = new Date(now.getTime() - ctx.config.jobRetentionDays * DAY_MS).toISOString();
  const jobs = await deleteFinishedJobs(ctx.db, finishedBefore);
  if (sessions > 0 || jobs > 0) ctx.log.info({ sessions, jobs }, "housekeeping: expired sessions and old jobs deleted");
  await scheduleHousekeeping(ctx);
}

export const housekeepingJob = defineJob({ kind: "housekeeping", payload: z.object({}), run: runHousekeeping });
