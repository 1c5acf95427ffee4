import { afterAll, describe, expect, it } from "vitest";
import { scheduleHousekeeping } from "../src/composition/housekeeping.js";
import { enqueueJob } from "../src/jobs/queue.js";
import { z } from "zod";
import { defineJob, JobGaveUp } from "../src/jobs/definition.js";
import { HOUR_MS } from "../src/lib/clock.js";
import { createTestApp } from "./harness.js";

const DAY_MS = 24 * HOUR_MS;

// Issue 12: expired sessions are purged and finished jobs deleted after DOCKET_JOB_RETENTION_DAYS, by a periodic job.
const okJob = defineJob({ kind: "test.housekeeping.ok", payload: z.object({}), run: async () => {} });
const hostileJob = defineJob({
  kind: "test.housekeeping.hostile",
  payload: z.object({}),
  run: async () => {
    throw new JobGaveUp("never works");
  },
});

const t = await createTestApp({}, { env: { DOCKET_JOB_RETENTION_DAYS: "7" }, jobs: [okJob, hostileJob] });
afterAll(async () => t.close());
const user = await t.userClient("Sleeper");
// A working process schedules it when its worker starts (startWorker); the harness runs jobs by hand.
await scheduleHousekeeping(t.ctx);

const sessionsOf = async (userId: string) =>
  (await t.ctx.db.selectFrom("sessions").select("id").where("userId", "=", userId).execute()).length;
const jobKeys = async () =>
  (await t.ctx.db.selectFrom("jobs").select("key").where("key", "like", "hk-%").orderBy("key").execute()).map(
    (j) => j.key,
  );

describe("housekeeping", () => {
  it("deletes finished jobs after the retention period and expired sessions, and keeps everything else", async () => {
    expect(t.config.jobRetentionDays).toBe(7);
    await enqueueJob(t.ctx.db, okJob, {}, { key: "hk-done" });
    await enqueueJob(t.ctx.db, hostileJob, {}, { key: "hk-failed" });
    const inAYear = new Date(t.clock.now().getTime() + 365 * DAY_MS).toISOString();
    await enqueueJob(t.ctx.db, okJob, {}, { key: "hk-pending", runAt: inAYear });
    await t.runJobs();
    expect(await jobKeys()).toEqual(["hk-done", "hk-failed", "hk-pending"]);

    // Six days on, housekeeping has run (hourly) but the finished jobs are younger than the retention period.
    t.clock.advance(6 * DAY_MS);
    await t.runJobs();
    expect(await jobKeys()).toEqual(["hk-done", "hk-failed", "hk-pending"]);
    expect(await sessionsOf(user.user.id)).toBe(1);
    expect((await user.get("/api/auth/me")).status).toBe(200);

    // Past seven days the done and the failed job go; the one still waiting stays.
    t.clock.advance(DAY_MS + HOUR_MS);
    await t.runJobs();
    expect(await jobKeys()).toEqual(["hk-pending"]);

    // The session expires 30 days after its last use; the next run deletes it.
    t.clock.advance(31 * DAY_MS);
    await t.runJobs();
    expect(await sessionsOf(user.user.id)).toBe(0);
    expect((await user.get("/api/auth/me")).status).toBe(401);
    // Housekeeping keeps itself going: exactly one next run is waiting.
    const next = await t.ctx.db
      .selectFrom("jobs")
      .select("runAt")
      .where("kind", "=", "housekeeping")
      .where("doneAt", "is", null)
      .execute();
    expect(next).toHaveLength(1);
    expect(Date.parse(next[0]!.runAt)).toBeGreaterThan(t.clock.now().getTime());
  });
});
