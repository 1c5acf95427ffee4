import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { z } from "zod";
import { enqueueJob } from "../src/jobs/queue.js";
import { defineJob, JobGaveUp } from "../src/jobs/definition.js";
import { JobWorker } from "../src/jobs/worker.js";
import { HOUR_MS } from "../src/lib/clock.js";
import { createTestApp } from "./harness.js";

const ran: string[] = [];
let failuresLeft = 0;

const labelled = z.object({ label: z.string() });
const recordJob = defineJob({
  kind: "test.record",
  payload: labelled,
  run: async (_ctx, payload) => {
    ran.push(payload.label);
  },
});
const flaky = async (payload: { label: string }) => {
  if (failuresLeft > 0) {
    failuresLeft--;
    throw new Error("temporary failure");
  }
  ran.push(payload.label);
};
const flakyJob = defineJob({ kind: "test.flaky", payload: labelled, run: (_ctx, payload) => flaky(payload) });
// A kind with fewer attempts than the default.
const twiceJob = defineJob({
  kind: "test.twice",
  payload: labelled,
  maxAttempts: 2,
  run: (_ctx, payload) => flaky(payload),
});

const hostileJob = defineJob({
  kind: "test.hostile",
  payload: z.object({ key: z.string().optional() }),
  run: async () => {
    throw new JobGaveUp("the file is an archive bomb");
  },
});

// A slow kind with its own concurrency: each run waits until the test opens its gate.
const slow = { started: [] as string[], finished: [] as string[], open: () => {} };
let gate = Promise.resolve();
const slowJob = defineJob({
  kind: "test.slow",
  payload: labelled,
  concurrency: 1,
  run: async (_ctx, payload) => {
    slow.started.push(payload.label);
    await gate;
    slow.finished.push(payload.label);
  },
});
function closeGate() {
  gate = new Promise((resolve) => (slow.open = resolve));
}

// Defined, but not among the kinds the worker runs: a job left by another build.
const unknownJob = defineJob({ kind: "test.no-such-kind", payload: z.object({}), run: async () => {} });

const testJobs = [recordJob, flakyJob, twiceJob, hostileJob, slowJob];

/** A worker that claims jobs and dies before running them (its claims stay until they expire). */
async function claimAndDie(): Promise<number> {
  const dead = new JobWorker(t.ctx, testJobs, { claimMs: 60_000 }) as unknown as {
    claim(which: unknown, limit: number): Promise<unknown[]>;
  };
  return (await dead.claim(sql`1 = 1`, 50)).length;
}

async function until(condition: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const t = await createTestApp({}, { jobs: testJobs });
afterAll(async () => t.close());
beforeEach(() => {
  ran.length = 0;
});

const jobRow = (key: string) =>
  t.ctx.db.selectFrom("jobs").selectAll().where("key", "=", key).executeTakeFirstOrThrow();

describe("durable job queue", () => {
  it("runs a job due at once, and only once", async () => {
    await enqueueJob(t.ctx.db, recordJob, { label: "now" });
    expect(await t.runJobs()).toBe(1);
    expect(await t.runJobs()).toBe(0);
    expect(ran).toEqual(["now"]);
  });

  it("holds a delayed job until the clock reaches it", async () => {
    const runAt = new Date(t.clock.now().getTime() + 24 * HOUR_MS).toISOString();
    await enqueueJob(t.ctx.db, recordJob, { label: "later" }, { runAt });
    t.clock.advance(23 * HOUR_MS);
    await t.runJobs();
    expect(ran).toEqual([]);
    t.clock.advance(HOUR_MS);
    await t.runJobs();
    expect(ran).toEqual(["later"]);
  });

  it("ignores a second enqueue with the same key", async () => {
    await enqueueJob(t.ctx.db, recordJob, { label: "first" }, { key: "same-key" });
    await enqueueJob(t.ctx.db, recordJob, { label: "second" }, { key: "same-key" });
    await t.runJobs();
    expect(ran).toEqual(["first"]);
  });

  it("retries a failing job with backoff, then succeeds", async () => {
    failuresLeft = 2;
    await enqueueJob(t.ctx.db, flakyJob, { label: "flaky" }, { key: "flaky-1" });
    await t.runJobs();
    expect((await jobRow("flaky-1")).lastError).toBe("temporary failure");
    await t.runJobs();
    expect(ran).toEqual([]); // the backoff has not passed yet
    t.clock.advance(2_000);
    await t.runJobs();
    t.clock.advance(4_000);
    await t.runJobs();
    expect(ran).toEqual(["flaky"]);
    const row = await jobRow("flaky-1");
    expect(row.doneAt).not.toBeNull();
    expect(row.attempts).toBe(3);
  });

  it("gives up after its kind's maxAttempts and records why", async () => {
    failuresLeft = 100;
    await enqueueJob(t.ctx.db, twiceJob, { label: "doomed" }, { key: "doomed" });
    await t.runJobs();
    t.clock.advance(10_000);
    await t.runJobs();
    const row = await jobRow("doomed");
    expect(row.doneAt).not.toBeNull();
    expect(row.lastError).toMatch(/gave up after 2 attempts/);
    expect(row.failedAt).not.toBeNull();
    failuresLeft = 0;
  });

  it("fails a job of an unknown kind at once, with the reason, instead of retrying it", async () => {
    await enqueueJob(t.ctx.db, unknownJob, {}, { key: "unknown-kind" });
    await t.runJobs();
    const row = await jobRow("unknown-kind");
    expect(row.failedAt).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBe('no handler for job kind "test.no-such-kind"');
  });

  it("fails a job whose stored payload is not JSON at once, with the reason, and runs nothing", async () => {
    await enqueueJob(t.ctx.db, recordJob, { label: "broken" }, { key: "broken-payload" });
    await t.ctx.db.updateTable("jobs").set({ payload: "{not json" }).where("key", "=", "broken-payload").execute();
    await t.runJobs();
    const row = await jobRow("broken-payload");
    expect(row.failedAt).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/^malformed payload: /);
    expect(ran).toEqual([]);
    // The admin's list of failed jobs shows it as stored, instead of failing itself.
    const failed = await t.admin.get("/api/jobs?state=failed&limit=200");
    expect(failed.status).toBe(200);
    const listed = failed.body.items.find((job: { id: string }) => job.id === row.id);
    expect(listed).toMatchObject({ kind: "test.record", payload: "{not json" });
  });

  it("fails a job whose stored payload is not of its kind's shape at once, naming the field, and runs nothing", async () => {
    await enqueueJob(t.ctx.db, recordJob, { label: "reshaped" }, { key: "wrong-shape" });
    await t.ctx.db
      .updateTable("jobs")
      .set({ payload: JSON.stringify({ label: 42 }) })
      .where("key", "=", "wrong-shape")
      .execute();
    await t.runJobs();
    const row = await jobRow("wrong-shape");
    expect(row.failedAt).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/^malformed payload: .*label/);
    expect(ran).toEqual([]);
    // A producer cannot write such a payload in the first place.
    // @ts-expect-error -- label must be a string
    const _wrongShape = () => enqueueJob(t.ctx.db, recordJob, { label: 42 });
  });

  it("stores each kind's maxAttempts with the job", async () => {
    await enqueueJob(t.ctx.db, recordJob, { label: "default" }, { key: "attempts-default" });
    await enqueueJob(t.ctx.db, twiceJob, { label: "fewer" }, { key: "attempts-fewer" });
    expect((await jobRow("attempts-default")).maxAttempts).toBe(8);
    expect((await jobRow("attempts-fewer")).maxAttempts).toBe(2);
    await t.runJobs();
  });

  it("takes a job again when the worker that claimed it died, and it takes effect once", async () => {
    await enqueueJob(t.ctx.db, recordJob, { label: "orphan" }, { key: "orphan" });
    // A worker claims the job and dies before running it: simulate by claiming without executing.
    expect(await claimAndDie()).toBe(1);
    await t.runJobs();
    expect(ran).toEqual([]); // still claimed by the dead worker
    t.clock.advance(61_000);
    await t.runJobs();
    expect(ran).toEqual(["orphan"]);
    await t.runJobs();
    expect(ran).toEqual(["orphan"]);
    // The dead worker cannot settle the job it lost.
    expect((await jobRow("orphan")).lockedBy).toBeNull();
  });

  it("never takes a job past its attempts when its process dies each time, and fails it with the reason", async () => {
    await enqueueJob(t.ctx.db, twiceJob, { label: "crashes" }, { key: "crashes" });
    // Twice a process claims the job and dies mid-run (as an out-of-memory crash would).
    expect(await claimAndDie()).toBe(1);
    t.clock.advance(61_000);
    expect(await claimAndDie()).toBe(1);
    t.clock.advance(61_000);
    await t.runJobs();
    expect(ran).toEqual([]); // not a third time
    const row = await jobRow("crashes");
    expect(row.attempts).toBe(2);
    expect(row.doneAt).not.toBeNull();
    expect(row.failedAt).not.toBeNull();
    expect(row.lastError).toMatch(/gave up after 2 attempts: the process stopped while running it/);
    t.clock.advance(3_600_000);
    expect(await claimAndDie()).toBe(0);
    // Admins see it among the failed jobs, with its reason; others may not list jobs.
    const failed = await t.admin.get("/api/jobs?state=failed&limit=200");
    expect(failed.status).toBe(200);
    const listed = failed.body.items.find((job: { id: string }) => job.id === row.id);
    expect(listed).toMatchObject({ kind: "test.twice", attempts: 2, maxAttempts: 2, payload: { label: "crashes" } });
    expect(listed.lastError).toMatch(/stopped while running/);
    const user = await t.userClient("Jobs Reader");
    expect((await user.get("/api/jobs?state=failed")).status).toBe(403);
    expect((await t.admin.get("/api/jobs")).status).toBe(400);
  });

  it("fails a job at once, without retries, when its handler gives up", async () => {
    await enqueueJob(t.ctx.db, hostileJob, {}, { key: "hostile" });
    await t.runJobs();
    const row = await jobRow("hostile");
    expect(row.attempts).toBe(1);
    expect(row.failedAt).not.toBeNull();
    expect(row.lastError).toBe("the file is an archive bomb");
  });

  it("pages the failed jobs newest first", async () => {
    for (const key of ["page-1", "page-2", "page-3"]) {
      await enqueueJob(t.ctx.db, hostileJob, { key }, { key });
      t.clock.advance(1_000);
      await t.runJobs();
    }
    const first = await t.admin.get("/api/jobs?state=failed&limit=2");
    expect(first.body.items.map((j: { payload: { key: string } }) => j.payload.key)).toEqual(["page-3", "page-2"]);
    const second = await t.admin.get(`/api/jobs?state=failed&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].payload.key).toBe("page-1");
  });

  it("runDue runs a slow kind's next job when its slot frees while the rest of the queue is being claimed", async () => {
    closeGate();
    slow.started.length = 0;
    slow.finished.length = 0;
    await enqueueJob(t.ctx.db, slowJob, { label: "slot-1" });
    await enqueueJob(t.ctx.db, slowJob, { label: "slot-2" });
    const worker = new JobWorker(t.ctx, testJobs);
    // A batch is claimed by `claim(which, limit)` (SQLite) or by locking rows in its transaction
    // (`lockDue(trx, which, limit)`, PostgreSQL).
    const batchClaim = t.ctx.dialect.selectForUpdate ? "lockDue" : "claim";
    const limitOf = (args: unknown[]) => args[batchClaim === "lockDue" ? 2 : 1];
    const inside = worker as unknown as Record<typeof batchClaim, (...args: unknown[]) => Promise<unknown[]>> & {
      runningCount(): number;
    };
    const claim = inside[batchClaim].bind(worker);
    let batchClaims = 0;
    // The second batch claim comes in a pass that started nothing (slot-1 is running): slot-1 ends right then.
    inside[batchClaim] = async (...args) => {
      const claimed = await claim(...args);
      if (limitOf(args) === 50 && ++batchClaims === 2) {
        slow.open();
        await until(() => inside.runningCount() === 0);
      }
      return claimed;
    };
    await worker.runDue();
    expect(slow.finished).toEqual(["slot-1", "slot-2"]);
  });

  it("runs quick jobs while a slow kind is busy, and a slow kind only as often as its concurrency", async () => {
    closeGate();
    slow.started.length = 0;
    slow.finished.length = 0;
    const worker = new JobWorker(t.ctx, testJobs, { pollMs: 20 });
    worker.start();
    try {
      await enqueueJob(t.ctx.db, slowJob, { label: "slow-1" });
      await enqueueJob(t.ctx.db, slowJob, { label: "slow-2" });
      worker.wake();
      await until(() => slow.started.length > 0);
      // Queued behind a running slow job, a robot-like quick job still runs at once.
      await enqueueJob(t.ctx.db, recordJob, { label: "quick" });
      worker.wake();
      await until(() => ran.includes("quick"));
      expect(slow.started).toEqual(["slow-1"]); // concurrency 1: the second waits
      expect(slow.finished).toEqual([]);
      slow.open();
      await until(() => slow.finished.length === 2);
      expect(slow.started).toEqual(["slow-1", "slow-2"]);
    } finally {
      slow.open();
      await worker.stop();
    }
  });
});
