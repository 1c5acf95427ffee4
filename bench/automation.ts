// bench/automation: delayed robots on the durable job queue (SQLite). A burst: 100,000 items (10,000 with --quick)
// whose delayed robots come due at the same moment, run by the worker; robots/s and due→done lag. A normal load:
// 200 robots due spread over 10 s, with the worker idling between them; due→done lag. Baseline: the same number of
// raw better-sqlite3 transactions, each inserting a run row and updating the item (the bare minimum of a robot).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { newId } from "../server/src/lib/ids.js";
import { robotJob } from "../server/src/modules/automation/index.js";
import { robotJobKey } from "../server/src/modules/automation/robot-schedule.js";
import type { Db } from "../server/src/db/database.js";
import { api, percentile, quick, report, startDocket, type Docket, type Row } from "./lib.js";

const STAGES = [
  { code: "new", name: "Новая", color: "#868e96", semantics: "process" },
  { code: "wait", name: "Ожидание", color: "#fab005", semantics: "process" },
  { code: "done", name: "Готово", color: "#40c057", semantics: "success" },
];

interface Setup {
  processId: string;
  robotId: string;
  adminId: string;
  /** The process version with the robot: items run the robots of their version. */
  processVersion: number;
}

async function setUp(d: Docket): Promise<Setup> {
  const me = await api<{ user: { id: string } }>(d, "GET", "/api/auth/me");
  const process = await api<{ id: string }>(d, "POST", "/api/processes", {
    code: "bench",
    name: "Бенчмарк",
    stages: STAGES,
  });
  // A real robot with a real effect: it assigns the responsible, writes its run row and the item's history.
  const robot = await api<{ id: string }>(d, "POST", `/api/processes/${process.id}/robots`, {
    stage: "wait",
    delay: "PT1H",
    kind: "setResponsible",
    params: { userId: me.user.id },
  });
  const { version } = await api<{ version: number }>(d, "GET", `/api/processes/${process.id}`);
  return { processId: process.id, robotId: robot.id, adminId: me.user.id, processVersion: version };
}

/**
 * Items sitting in "wait" with their robot's job, written in bulk exactly as moving them there would have written
 * them (item, stage entry, keyed job), but due at `dueAt(i)` instead of an hour after entry.
 */
async function insertWaitingItems(db: Db, s: Setup, count: number, dueAt: (i: number) => string): Promise<void> {
  const at = new Date().toISOString();
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const items = Array.from({ length: n }, () => ({ id: newId(), entry: newId() }));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("processItems")
        .values(
          items.map(({ id, entry }, j) => ({
            id,
            processId: s.processId,
            title: `Заявка ${start + j}`,
            stageCode: "wait",
            stageEntryId: entry,
            stageEnteredAt: at,
            initiatorId: s.adminId,
            responsibleId: null,
            companyId: null,
            fields: "{}",
            processVersion: s.processVersion,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .execute();
      await trx
        .insertInto("stageEntries")
        .values(
          items.map(({ id, entry }) => ({
            id: entry,
            itemId: id,
            stageCode: "wait",
            fromStageCode: "new",
            enteredAt: at,
            actorId: s.adminId,
            robotId: null,
          })),
        )
        .execute();
      await trx
        .insertInto("jobs")
        .values(
          items.map(({ id, entry }, j) => ({
            id: newId(),
            kind: robotJob.kind,
            payload: JSON.stringify({ robotId: s.robotId, itemId: id, stageEntryId: entry, after: [] }),
            runAt: dueAt(start + j),
            key: robotJobKey(s.robotId, entry),
            maxAttempts: robotJob.maxAttempts,
            lockedUntil: null,
            lockedBy: null,
            doneAt: null,
            lastError: null,
            createdAt: at,
          })),
        )
        .execute();
    });
  }
}

interface Lags {
  sorted: number[];
  lastDoneMs: number;
  failed: number;
}

/**
 * Due → done per robot: the job's run_at to its done_at, which is written in the transaction of the robot's effect
 * just before it commits (a batch's robots share that moment).
 */
async function lagsOf(db: Db, sinceRunAt: string): Promise<Lags> {
  const { rows } = await sql<{ runAt: string; at: string; lastError: string | null }>`
    select j.run_at as "runAt", j.done_at as "at", j.last_error as "lastError"
    from jobs j join robot_runs r on j.key = 'robot:' || r.robot_id || ':' || r.stage_entry_id
    where j.kind = ${robotJob.kind} and j.run_at >= ${sinceRunAt}`.execute(db.withoutPlugins());
  const lags = rows.map((r) => new Date(r.at).getTime() - new Date(r.runAt).getTime());
  return {
    sorted: lags.sort((a, b) => a - b),
    lastDoneMs: Math.max(...rows.map((r) => new Date(r.at).getTime())),
    failed: rows.filter((r) => r.lastError !== null).length,
  };
}

async function pending(db: Db): Promise<number> {
  const row = await db
    .selectFrom("jobs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("doneAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every robot ran exactly once: one run row per (robot, stage entry), all "done", every item assigned. */
async function exactlyOnce(db: Db, s: Setup, expected: number): Promise<string | null> {
  const { rows } = await sql<{ runs: number; entries: number; done: number; assigned: number }>`
    select count(*) as runs, count(distinct stage_entry_id) as entries,
      sum(case when outcome = 'done' then 1 else 0 end) as done,
      (select count(*) from process_items where responsible_id = ${s.adminId}) as assigned
    from robot_runs where robot_id = ${s.robotId}`.execute(db);
  const r = rows[0]!;
  const counts = [r.runs, r.entries, r.done, r.assigned].map(Number);
  return counts.every((n) => n === expected)
    ? null
    : `expected ${expected} runs; runs/entries/done/assigned = ${counts.join("/")}`;
}

function baselineRate(total: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-baseline-"));
  const db = new SqliteDatabase(path.join(dir, "b.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("create table items (id text primary key, responsible_id text)");
  db.exec("create table runs (id text primary key, item_id text, unique (item_id))");
  const insertItem = db.prepare("insert into items (id) values (?)");
  const ids = Array.from({ length: total }, () => newId());
  db.transaction(() => ids.forEach((id) => insertItem.run(id)))();
  const run = db.prepare("insert into runs (id, item_id) values (?, ?)");
  const assign = db.prepare("update items set responsible_id = 'u' where id = ?");
  const robot = db.transaction((id: string) => {
    run.run(newId(), id);
    assign.run(id);
  });
  const started = performance.now();
  for (const id of ids) robot(id);
  const rate = total / ((performance.now() - started) / 1000);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

async function burst(total: number): Promise<{ rows: Row[]; violation: string | null }> {
  const d = await startDocket({ worker: false });
  try {
    const s = await setUp(d);
    const db = d.runtime.ctx.db;
    const due = new Date(Date.now() + 600_000).toISOString(); // written ahead, all due at one moment
    await insertWaitingItems(db, s, total, () => due);
    // Move the due moment to now: from here the worker sees `total` robots due together.
    const dueNow = new Date().toISOString();
    await db.updateTable("jobs").set({ runAt: dueNow }).where("runAt", "=", due).execute();
    const started = performance.now();
    d.worker.start();
    while ((await pending(db)) > 0) await new Promise((r) => setTimeout(r, 200));
    const lags = await lagsOf(db, dueNow);
    const seconds = (lags.lastDoneMs - new Date(dueNow).getTime()) / 1000;
    const rate = total / seconds;
    console.log(`  burst: ${total} robots in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const violation = (await exactlyOnce(db, s, total)) ?? (lags.failed ? `${lags.failed} jobs failed` : null);
    const baseline = baselineRate(Math.min(total, 20_000));
    return {
      violation,
      rows: [
        {
          metric: `${total.toLocaleString("en")} delayed robots due together: throughput`,
          ours: rate,
          baseline,
          unit: "robots/s",
          target: "≥ 2,000 robots/s",
          met: rate >= 2000,
        },
        {
          metric: "the same burst: due → done lag, p50",
          ours: percentile(lags.sorted, 50) / 1000,
          unit: "s",
          target: "—",
          met: null,
        },
        {
          metric: "the same burst: due → done lag, p99",
          ours: percentile(lags.sorted, 99) / 1000,
          unit: "s",
          target: "—",
          met: null,
        },
      ],
    };
  } finally {
    await d.close();
  }
}

async function normalLoad(): Promise<{ rows: Row[]; violation: string | null }> {
  const d = await startDocket();
  try {
    const s = await setUp(d);
    const db = d.runtime.ctx.db;
    const count = 200;
    const first = Date.now() + 2000;
    const since = new Date(first).toISOString();
    // 200 robots due one every 50 ms over 10 s, while the worker runs as it does in production (polling).
    await insertWaitingItems(db, s, count, (i) => new Date(first + i * 50).toISOString());
    const deadline = Date.now() + 60_000;
    while ((await pending(db)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const lags = await lagsOf(db, since);
    const violation = (await exactlyOnce(db, s, count)) ?? (lags.failed ? `${lags.failed} jobs failed` : null);
    const p99 = percentile(lags.sorted, 99);
    return {
      violation,
      rows: [
        {
          metric: `normal load (${count} robots due over 10 s): due → done lag, p50`,
          ours: percentile(lags.sorted, 50),
          unit: "ms",
          target: "—",
          met: null,
        },
        {
          metric: `normal load: due → done lag, p99`,
          ours: p99,
          unit: "ms",
          target: "≤ 1000 ms",
          met: p99 <= 1000,
        },
      ],
    };
  } finally {
    await d.close();
  }
}

export async function benchAutomation(): Promise<void> {
  const total = quick ? 10_000 : 100_000;
  const normal = await normalLoad();
  const big = await burst(total);
  const violations = [big.violation, normal.violation].filter(Boolean);
  report(
    "Automation: delayed robots on the job queue (SQLite, one worker)",
    [...big.rows, ...normal.rows],
    [
      "Robot: setResponsible (locks the item, checks its stage entry, writes the run row, the item and its history row in one transaction).",
      "Baseline: raw better-sqlite3, one transaction per robot inserting a run row and updating the item.",
      `Exactly once: ${violations.length ? `**violated**: ${violations.join("; ")}` : "every robot has exactly one run row and one effect."}`,
    ],
  );
  if (violations.length) process.exitCode = 1;
}
