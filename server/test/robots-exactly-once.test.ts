import { spawn } from "node:child_process";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/context.js";
import { createDatabase } from "../src/db/database.js";
import { jobDefinitions } from "../src/composition/root.js";
import { inTransaction } from "../src/db/work.js";
import { JobWorker } from "../src/jobs/worker.js";
import { runRobotJob } from "../src/modules/automation/robot-runner.js";
import { createTestApp, testDatabase } from "./harness.js";
import { testServerEnv } from "./server-process.js";
import { addRobot, createItem, createProcess, notificationsOf } from "./process-helpers.js";

const t = await createTestApp();
afterAll(async () => t.close());
const initiator = await t.userClient("Olga Owner");

type Claimed = { id: string; kind: string; payload: string; attempts: number; maxAttempts: number; runAt: string };
const claimAsDeadWorker = (ctx: AppContext) =>
  (new JobWorker(ctx, jobDefinitions, { claimMs: 60_000 }) as unknown as { claim(): Promise<Claimed[]> }).claim();

/**
 * `count` robots on "draft" that notify the initiator 1 s, 2 s, … after entry: each is a job on its own (robots of one
 * delay run in a chain, in order).
 */
async function addNotifyRobots(processId: string, count: number, label: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    await addRobot(t.admin, processId, {
      stage: "draft",
      kind: "notify",
      delay: `PT${i + 1}S`,
      params: { to: ["initiator"], message: `${label} ${i}: {{item.title}}` },
    });
  }
}

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
    await inTransaction(t.ctx, (work) => runRobotJob(t.ctx, work, JSON.parse(jobA!.payload), jobA!));

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

  describe("robot jobs claimed together run in one transaction, each robot behind a savepoint", () => {
    it("a robot that throws rolls back only itself: the others' effects commit once, its job is retried alone", async () => {
      const { items, assignee } = await itemsWithAssigningRobot("Batch", 6);
      const unlucky = items[3]!;
      await failHistoryOf(unlucky.id); // the database refuses that robot's last write, after its other writes
      try {
        await t.runJobs();
        for (const item of items) {
          const expected = item === unlucky ? [null, 0] : [assignee.user.id, 1];
          expect([await responsibleOf(item.id), await robotRunsInHistory(item.id)]).toEqual(expected);
        }
      } finally {
        await stopFailing();
      }
      t.clock.advance(2_000); // the first retry's backoff
      await t.runJobs();
      for (const item of items) {
        expect([await responsibleOf(item.id), await robotRunsInHistory(item.id)]).toEqual([assignee.user.id, 1]);
      }
    });

    it("a worker killed mid-batch commits nothing of it; after the restart every robot runs exactly once", async () => {
      const { items, assignee } = await itemsWithAssigningRobot("Crash", 8);
      const exit = await runWorkerProcessKilledAtRun(5);
      expect(exit).toBe("SIGKILL");
      for (const item of items)
        expect([await responsibleOf(item.id), await robotRunsInHistory(item.id)]).toEqual([null, 0]);

      t.clock.advance(61_000); // the dead worker's claim expires
      await t.runJobs();
      for (const item of items) {
        expect([await responsibleOf(item.id), await robotRunsInHistory(item.id)]).toEqual([assignee.user.id, 1]);
      }
    });
  });

  describe.skipIf(testDatabase !== "postgres")("two workers on one PostgreSQL database", () => {
    it("run 1,000 due robot jobs, each exactly once", { timeout: 180_000 }, async () => {
      const process = await createProcess(t.admin);
      await addNotifyRobots(process.id, 10, "Robot");
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
        const w1 = new JobWorker(t.ctx, jobDefinitions, { batchSize: 20 });
        const w2 = new JobWorker({ ...t.ctx, db: second.db }, jobDefinitions, { batchSize: 20 });
        const [ran1, ran2] = await Promise.all([w1.runDue(), w2.runDue()]);
        expect(ran1 + ran2).toBe(1000);
        expect(ran1).toBeGreaterThan(0);
        expect(ran2).toBeGreaterThan(0);
      } finally {
        await second.close();
      }
      // Both workers' batches lock the same items; taken in one order they never deadlock, so no robot was retried.
      const retried = await t.ctx.db
        .selectFrom("jobs")
        .select("lastError")
        .where("lastError", "is not", null)
        .execute();
      expect(retried).toEqual([]);
      await expectEachRobotRanOnce(worker.user.id, process.id, 1000);
    });

    it("a batch whose transaction fails is taken again with claims, and each robot still runs once", async () => {
      const { items, assignee } = await itemsWithAssigningRobot("Held", 5);
      // The first "done" written fails the batch's transaction at its end, after every robot ran in it (a sequence
      // is not rolled back, so only the first try fails).
      await sql
        .raw(
          `create sequence fail_once;
          create function fail_once() returns trigger language plpgsql as $$
            begin if nextval('fail_once') = 1 then raise exception 'commit refused'; end if; return new; end $$;
          create trigger fail_once before update on jobs for each row when (new.done_at is not null)
            execute function fail_once()`,
        )
        .execute(t.ctx.db);
      try {
        await t.runJobs();
      } finally {
        await sql.raw("drop function fail_once() cascade; drop sequence fail_once").execute(t.ctx.db);
      }
      for (const item of items)
        expect([await responsibleOf(item.id), await robotRunsInHistory(item.id)]).toEqual([assignee.user.id, 1]);
      expect(await pendingJobs()).toBe(0);
    });

    it("a started worker runs its batches side by side, each robot once", { timeout: 120_000 }, async () => {
      const process = await createProcess(t.admin);
      await addNotifyRobots(process.id, 5, "Lane robot");
      const owner = await t.userClient("Lane Items");
      for (let i = 0; i < 60; i++) await createItem(owner, process.id, { title: `Item ${i}` });
      t.clock.advance(10_000);
      // Batches of 10: the first one comes back full and wakes the worker's other lanes.
      const worker = new JobWorker(t.ctx, jobDefinitions, { batchSize: 10, lanes: 4 });
      worker.start();
      try {
        const deadline = Date.now() + 100_000;
        while ((await pendingJobs()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      } finally {
        await worker.stop();
      }
      await expectEachRobotRanOnce(owner.user.id, process.id, 300);
    });
  });
});

/** `runs` robot runs of the process, all done, each leaving its own notification for `userId`. */
async function expectEachRobotRanOnce(userId: string, processId: string, runs: number): Promise<void> {
  const notified = await t.ctx.db.selectFrom("notifications").select(["text"]).where("userId", "=", userId).execute();
  expect(notified).toHaveLength(runs);
  expect(new Set(notified.map((n) => n.text)).size).toBe(runs);
  const { n, done } = await t.ctx.db
    .selectFrom("robotRuns")
    .innerJoin("robots", "robots.id", "robotRuns.robotId")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.count<number>("robotRuns.id").filterWhere("robotRuns.outcome", "=", "done").as("done"),
    ])
    .where("robots.processId", "=", processId)
    .executeTakeFirstOrThrow();
  expect([Number(n), Number(done)]).toEqual([runs, runs]);
}

const pendingJobs = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom("jobs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("doneAt", "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function itemsWithAssigningRobot(title: string, count: number) {
  const process = await createProcess(t.admin);
  const assignee = await t.userClient(`${title} Assignee`);
  await addRobot(t.admin, process.id, { stage: "draft", kind: "setResponsible", params: { userId: assignee.user.id } });
  const items: { id: string }[] = [];
  for (let i = 0; i < count; i++) items.push(await createItem(initiator, process.id, { title: `${title} ${i}` }));
  return { items, assignee };
}

const responsibleOf = async (itemId: string) => (await t.admin.get(`/api/items/${itemId}`)).body.responsibleId;
const robotRunsInHistory = async (itemId: string) =>
  (await t.admin.get(`/api/items/${itemId}/history`)).body.items.filter((h: any) => h.action === "robot.ran").length;

/** A trigger that fails the insert of the robot's history row for one item. */
async function failHistoryOf(itemId: string): Promise<void> {
  const when = `new.entity_id = '${itemId}' and new.action = 'robot.ran'`;
  const statements =
    testDatabase === "sqlite"
      ? [`create trigger refuse before insert on audit_log when ${when} begin select raise(abort, 'refused'); end`]
      : [
          `create function refuse() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`,
          `create trigger refuse before insert on audit_log for each row when (${when}) execute function refuse()`,
        ];
  for (const statement of statements) await sql.raw(statement).execute(t.ctx.db);
}

async function stopFailing(): Promise<void> {
  if (testDatabase === "sqlite") await sql.raw("drop trigger refuse").execute(t.ctx.db);
  else await sql.raw("drop function refuse() cascade").execute(t.ctx.db);
}

/** A second process on the same database runs the due jobs and is killed with SIGKILL mid-batch; resolves its signal. */
function runWorkerProcessKilledAtRun(run: number): Promise<string | null> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "robot-batch-crash.child.ts")],
    {
      env: {
        ...process.env,
        ...testServerEnv(t.dataDir, t.config.databaseUrl),
        CRASH_AT_RUN: String(run),
        CRASH_CLOCK: t.clock.now().toISOString(),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(signal ?? String(code))));
}
