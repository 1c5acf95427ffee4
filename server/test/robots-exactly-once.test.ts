import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/context.js";
import { createDatabase } from "../src/db/database.js";
import { JobWorker } from "../src/jobs/worker.js";
import { runRobotJob } from "../src/modules/automation/robot-runner.js";
import { createTestApp, testDatabase, type TestApp, type TestClient } from "./harness.js";
import { addRobot, createItem, createProcess, notificationsOf } from "./process-helpers.js";

let t: TestApp;
let initiator: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  initiator = await t.userClient("Olga Owner");
});
afterAll(async () => t.close());

type Claimed = { id: string; kind: string; payload: string; attempts: number; runAt: string };
const claimAsDeadWorker = (ctx: AppContext) =>
  (new JobWorker(ctx, { claimMs: 60_000 }) as unknown as { claim(): Promise<Claimed[]> }).claim();

describe("a robot runs once per stage entry", () => {
  it("a job whose worker died before finishing is taken again after its claim expires; its effect happens once", async () => {
    const process = await createProcess(t.admin);
    await addRobot(t.admin, process.id, {
      stage: "draft",
      kind: "notify",
      params: { to: ["initiator"], message: "Once: {{item.title}}" },
    });
    const before = (await notificationsOf(initiator)).length;
    await createItem(initiator, process.id, { title: "Crash A" });
    await createItem(initiator, process.id, { title: "Crash B" });

    // Worker 1 claims both jobs and dies: for A after the robot's transaction committed, for B before it ran.
    const claimed = await claimAsDeadWorker(t.ctx);
    expect(claimed).toHaveLength(2);
    const [jobA] = claimed;
    await runRobotJob(t.ctx, JSON.parse(jobA!.payload), jobA!);

    expect(await t.runJobs()).toBe(0); // both still claimed by the dead worker
    expect((await notificationsOf(initiator)).length - before).toBe(1); // only A's effect, from the dead worker

    t.clock.advance(61_000);
    expect(await t.runJobs()).toBe(2);
    await t.runJobs();
    const texts = (await notificationsOf(initiator))
      .map((n: any) => n.text)
      .filter((s: string) => s.startsWith("Once"));
    expect(texts.sort()).toEqual(["Once: Crash A", "Once: Crash B"]);
  });

  it("does not run a robot whose item has left the stage entry, nor one deleted meanwhile", async () => {
    const process = await createProcess(t.admin);
    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "notify",
      delay: "PT5S",
      params: { to: ["initiator"], message: "Stale check" },
    });
    const item = await createItem(initiator, process.id, { title: "Stale" });
    await initiator.post(`/api/items/${item.id}/stage`, { stage: "review" });
    await initiator.post(`/api/items/${item.id}/stage`, { stage: "signing" });
    await initiator.post(`/api/items/${item.id}/stage`, { stage: "review" }); // a new entry: its own reminder
    t.clock.advance(5_000);
    await t.runJobs();
    const texts = (await notificationsOf(initiator)).filter((n: any) => n.text === "Stale check");
    expect(texts).toHaveLength(1);
  });

  describe.skipIf(testDatabase !== "postgres")("two workers on one PostgreSQL database", () => {
    it("run 1,000 due robot jobs, each exactly once", { timeout: 180_000 }, async () => {
      const process = await createProcess(t.admin);
      for (let i = 0; i < 10; i++) {
        // Different delays: each robot is a job on its own (same-delay robots run in a chain, in order).
        await addRobot(t.admin, process.id, {
          stage: "draft",
          kind: "notify",
          delay: `PT${i + 1}S`,
          params: { to: ["initiator"], message: `Robot ${i}: {{item.title}}` },
        });
      }
      const worker = await t.userClient("Many Items");
      for (let i = 0; i < 100; i++) await createItem(worker, process.id, { title: `Item ${i}` });
      t.clock.advance(10_000);
      const pending = await t.ctx.db
        .selectFrom("jobs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("doneAt", "is", null)
        .executeTakeFirstOrThrow();
      expect(Number(pending.n)).toBe(1000);

      // A second "process": its own connection pool on the same database.
      const second = await createDatabase(t.config.databaseUrl);
      try {
        const w1 = new JobWorker(t.ctx, { batchSize: 20 });
        const w2 = new JobWorker({ ...t.ctx, db: second.db }, { batchSize: 20 });
        const [ran1, ran2] = await Promise.all([w1.runDue(), w2.runDue()]);
        expect(ran1 + ran2).toBe(1000);
        expect(ran1).toBeGreaterThan(0);
        expect(ran2).toBeGreaterThan(0);
      } finally {
        await second.close();
      }
      const notified = await t.ctx.db
        .selectFrom("notifications")
        .select(["text"])
        .where("userId", "=", worker.user.id)
        .execute();
      expect(notified).toHaveLength(1000);
      expect(new Set(notified.map((n) => n.text)).size).toBe(1000);
      const runs = await t.ctx.db
        .selectFrom("robotRuns")
        .innerJoin("robots", "robots.id", "robotRuns.robotId")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("robots.processId", "=", process.id)
        .where("robotRuns.outcome", "=", "done")
        .executeTakeFirstOrThrow();
      expect(Number(runs.n)).toBe(1000);
    });
  });
});
