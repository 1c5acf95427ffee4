import { z } from "zod";
import type { AppContext } from "../../context.js";
import { enqueueJob } from "../../jobs/queue.js";
import { defineJob } from "../../jobs/definition.js";
import { pollMailbox } from "./intake.service.js";

/**
 * Enqueues the next poll at the next multiple of the interval. Every process and every finished poll computes the same
 * moment and key, so however many processes run (or restart after a crash) there is one poll per interval.
 */
export async function scheduleIntakePoll(ctx: AppContext, options: { now?: boolean } = {}): Promise<void> {
  const config = ctx.config.imap;
  if (!config) return;
  const nowMs = ctx.clock.now().getTime();
  const slot = options.now ? nowMs : (Math.floor(nowMs / config.intervalMs) + 1) * config.intervalMs;
  await enqueueJob(
    ctx.db,
    intakePollJob,
    {},
    { runAt: new Date(slot).toISOString(), key: `${intakePollJob.kind}:${options.now ? "more:" : ""}${slot}` },
  );
  ctx.wakeWorker();
}

export const intakePollJob = defineJob({
  kind: "intake.poll",
  payload: z.object({}),
  // A poll killed with its process is taken again once its claim expires; each message is safe to take twice.
  maxAttempts: 3,
  // Apart from the robots: a slow mail server never delays a reminder.
  concurrency: 1,
  async run(ctx) {
    let more = false;
    try {
      more = (await pollMailbox(ctx)).more;
    } catch {
      // Recorded in the intake status and the log; the next poll tries again, so the job itself does not retry.
    } finally {
      await scheduleIntakePoll(ctx, { now: more });
    }
  },
});
