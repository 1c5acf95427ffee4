import type { AppContext } from "../../context.js";
import { enqueueJob } from "../../jobs/queue.js";
import { defineJob } from "../../jobs/registry.js";
import { pollMailbox } from "./intake.service.js";

export const INTAKE_POLL_JOB = "intake.poll";

/**
 * Enqueues the next poll at the next multiple of the interval. Every process and every finished poll computes the same
 * moment and key, so however many processes run (or restart after a crash) there is one poll per interval.
 */
export async function scheduleIntakePoll(ctx: AppContext, options: { now?: boolean } = {}): Promise<void> {
  const config = ctx.config.imap;
  if (!config) return;
  const nowMs = ctx.clock.now().getTime();
  const slot = options.now ? nowMs : (Math.floor(nowMs / config.intervalMs) + 1) * config.intervalMs;
  await enqueueJob(ctx.db, {
    kind: INTAKE_POLL_JOB,
    payload: {},
    runAt: new Date(slot).toISOString(),
    key: `${INTAKE_POLL_JOB}:${options.now ? "more:" : ""}${slot}`,
    // A poll killed with its process is taken again once its claim expires; each message is safe to take twice.
    maxAttempts: 3,
  });
  ctx.wakeWorker();
}

defineJob(
  INTAKE_POLL_JOB,
  async (ctx) => {
    let more = false;
    try {
      more = (await pollMailbox(ctx)).more;
    } catch {
      // Recorded in the intake status and the log; the next poll tries again, so the job itself does not retry.
    } finally {
      await scheduleIntakePoll(ctx, { now: more });
    }
  },
  // Apart from the robots: a slow mail server never delays a reminder.
  { concurrency: 1 },
);
