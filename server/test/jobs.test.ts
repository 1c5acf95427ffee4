import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueJob } from "../src/jobs/queue.js";
import { defineJob } from "../src/jobs/registry.js";
import { JobWorker } from "../src/jobs/worker.js";
import { HOUR_MS } from "../src/lib/clock.js";
import { createTestApp, type TestApp } from "./harness.js";

let t: TestApp;
const ran: string[] = [];
let failuresLeft = 0;

defineJob("test.record", async (_ctx, payload: { label: string }) => {
  ran.push(payload.label);
});
defineJob("test.flaky", async (_ctx, payload: { label: string }) => {
  if (failuresLeft > 0) {
    failuresLeft--;
    throw new Error("temporary failure");
  }
  ran.push(payload.label);
});

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
beforeEach(() => {
  ran.length = 0;
});

const jobRow = (key: string) =>
  t.ctx.db.selectFrom("jobs").selectAll().where("key", "=", key).executeTakeFirstOrThrow();

describe("durable job queue", () => {
  it("runs a job due at once, and only once", async () => {
    await enqueueJob(t.ctx.db, { kind: "test.record", payload: { label: "now" } });
    expect(await t.runJobs()).toBe(1);
    expect(await t.runJobs()).toBe(0);
    expect(ran).toEqual(["now"]);
  });

  it("holds a delayed job until the clock reaches it", async () => {
    const runAt = new Date(t.clock.now().getTime() + 24 * HOUR_MS).toISOString();
    await enqueueJob(t.ctx.db, { kind: "test.record", payload: { label: "later" }, runAt });
    t.clock.advance(23 * HOUR_MS);
    await t.runJobs();
    expect(ran).toEqual([]);
    t.clock.advance(HOUR_MS);
    await t.runJobs();
    expect(ran).toEqual(["later"]);
  });

  it("ignores a second enqueue with the same key", async () => {
    await enqueueJob(t.ctx.db, { kind: "test.record", payload: { label: "first" }, key: "same-key" });
    await enqueueJob(t.ctx.db, { kind: "test.record", payload: { label: "second" }, key: "same-key" });
    await t.runJobs();
    expect(ran).toEqual(["first"]);
  });

  it("retries a failing job with backoff, then succeeds", async () => {
    failuresLeft = 2;
    await enqueueJob(t.ctx.db, { kind: "test.flaky", payload: { label: "flaky" }, key: "flaky-1" });
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

  it("gives up after maxAttempts and records why", async () => {
    failuresLeft = 100;
    await enqueueJob(t.ctx.db, { kind: "test.flaky", payload: { label: "doomed" }, key: "doomed", maxAttempts: 2 });
    await t.runJobs();
    t.clock.advance(10_000);
    await t.runJobs();
    const row = await jobRow("doomed");
    expect(row.doneAt).not.toBeNull();
    expect(row.lastError).toMatch(/gave up after 2 attempts/);
    failuresLeft = 0;
  });

  it("takes a job again when the worker that claimed it died, and it takes effect once", async () => {
    await enqueueJob(t.ctx.db, { kind: "test.record", payload: { label: "orphan" }, key: "orphan" });
    // A worker claims the job and dies before running it: simulate by claiming without executing.
    const dead = new JobWorker(t.ctx, { claimMs: 60_000 });
    const claimed = await (dead as unknown as { claim(): Promise<unknown[]> }).claim();
    expect(claimed).toHaveLength(1);
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
});
