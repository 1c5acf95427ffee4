// bench/automation: delayed robots on the durable job queue. A burst: 100,000 items (10,000 with --quick) whose
// delayed robots come due at the same moment, run by one worker on SQLite, and by two app processes (each with its
// worker) on PostgreSQL when BENCH_DATABASE_URL is set; robots/s and due→done lag. A normal load: 200 robots due spread
// over 10 s, with the worker idling between them; due→done lag. Baseline: the same number of raw transactions (two
// connections on PostgreSQL), each inserting a run row and updating the item (the bare minimum of a robot). After
// the SQLite burst, housekeeping runs at a clock moved past the retention: the jobs and sessions tables shrink back.
// On PostgreSQL a second baseline, the raw batched floor (postgres-floor.ts), shows what the machine's cores allow.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { scheduleHousekeeping } from "../server/src/composition/housekeeping.js";
import { jobDefinitions } from "../server/src/composition/root.js";
import { JobWorker } from "../server/src/jobs/worker.js";
import { ManualClock } from "../server/src/lib/clock.js";
import { newId } from "../server/src/lib/ids.js";
import { SESSION_TTL_MS } from "../server/src/modules/auth/auth.service.js";
import { robotJob } from "../server/src/modules/automation/index.js";
import { robotJobKey } from "../server/src/modules/automation/robot-schedule.js";
import type { Db } from "../server/src/db/database.js";
import {
  api,
  backendsCpuMs,
  benchDatabaseUrl,
  cpuMsOf,
  freeDataDir,
  freshPostgresSchema,
  percentile,
  quick,
  report,
  startDocket,
  startServerProcess,
  type Docket,
  type Row,
} from "./lib.js";
import { postgresBatchedFloor, type FloorResult } from "./postgres-floor.js";

/** The cores the app, PostgreSQL and the benchmark share (two on the machine the README's figures come from). */
const CORES = os.availableParallelism();

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

export async function setUp(d: Docket): Promise<Setup> {
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
export async function insertWaitingItems(db: Db, s: Setup, count: number, dueAt: (i: number) => string): Promise<void> {
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

/**
 * Whether any job (of that kind) is still pending. An existence probe that stops at the first row, not a count: during
 * a burst a count(*) over the pending jobs cost 4–20 ms a poll, charged to Docket's CPU and rate.
 */
async function anyPending(db: Db, kind?: string): Promise<boolean> {
  const row = await db
    .selectFrom("jobs")
    .select("id")
    .where("doneAt", "is", null)
    .$if(kind !== undefined, (qb) => qb.where("kind", "=", kind!))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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

/** Raw pg: `total` robots' minimum (a run row, the item updated) in one transaction each, over two connections. */
async function postgresBaselineRate(url: string, total: number): Promise<number> {
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all(clients.map((c) => c.connect()));
  const [setup] = clients;
  try {
    await setup!.query("create table baseline_items (id text primary key, responsible_id text)");
    await setup!.query("create table baseline_runs (id text primary key, item_id text unique)");
    const ids = Array.from({ length: total }, () => newId());
    await setup!.query("insert into baseline_items (id) select unnest($1::text[])", [ids]);
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, half) => {
        for (let i = half; i < ids.length; i += 2) {
          await client.query("begin");
          await client.query("insert into baseline_runs (id, item_id) values ($1, $2)", [newId(), ids[i]]);
          await client.query("update baseline_items set responsible_id = 'u' where id = $1", [ids[i]]);
          await client.query("commit");
        }
      }),
    );
    return total / ((performance.now() - started) / 1000);
  } finally {
    await setup!.query("drop table baseline_runs; drop table baseline_items");
    await Promise.all(clients.map((c) => c.end()));
  }
}

interface Burst {
  setup: Setup;
  dueNow: string;
  rate: number;
  lags: Lags;
  violation: string | null;
  /** The workers' CPU time (every worker process summed) per robot of the burst, in µs. */
  workerCpuUsPerRobot: number;
  /** The database's CPU time per robot of the burst (PostgreSQL's backends, from /proc), in µs. */
  databaseCpuUsPerRobot: number;
}

/**
 * `total` robots due at one moment: the workers are started first, then the robots made due now. Throughput is
 * counted from the commit that made them due to the last job's done_at.
 */
async function runBurst(
  d: Docket,
  total: number,
  startWorkers: () => Promise<void>,
  cpuMs: { workers: () => number; database: () => number } = { workers: () => NaN, database: () => NaN },
): Promise<Burst> {
  const s = await setUp(d);
  const db = d.runtime.ctx.db;
  const due = new Date(Date.now() + 3_600_000).toISOString(); // written ahead, all due at one moment
  await insertWaitingItems(db, s, total, () => due);
  await startWorkers(); // they find nothing due yet
  // Move the due moment to now: from here the workers see `total` robots due together.
  const dueNow = new Date().toISOString();
  await db.updateTable("jobs").set({ runAt: dueNow }).where("runAt", "=", due).execute();
  // That update stands for time passing, and its cost is not Docket's (2 s of PostgreSQL's CPU for 100,000 rows): the
  // rate and the CPU are counted from its commit, when the workers first see the robots due. Lags stay from `dueNow`.
  const visibleMs = Date.now();
  const cpuBefore = { workers: cpuMs.workers(), database: cpuMs.database() };
  const started = performance.now();
  while (await anyPending(db, robotJob.kind)) await new Promise((r) => setTimeout(r, 200));
  const workerCpuUsPerRobot = ((cpuMs.workers() - cpuBefore.workers) * 1000) / total;
  const databaseCpuUsPerRobot = ((cpuMs.database() - cpuBefore.database) * 1000) / total;
  const lags = await lagsOf(db, dueNow);
  const rate = total / ((lags.lastDoneMs - visibleMs) / 1000);
  console.log(`  burst: ${total} robots in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const violation = (await exactlyOnce(db, s, total)) ?? (lags.failed ? `${lags.failed} jobs failed` : null);
  return { setup: s, dueNow, rate, lags, violation, workerCpuUsPerRobot, databaseCpuUsPerRobot };
}

const burstRows = (label: string, total: number, b: Burst, baseline: number, target: number): Row[] => [
  {
    metric: `${label}: ${total.toLocaleString("en")} delayed robots due together, throughput`,
    ours: b.rate,
    baseline,
    unit: "robots/s",
    target: `≥ ${target.toLocaleString("en")} robots/s`,
    met: b.rate >= target,
  },
  {
    metric: `${label}: the same burst, due → done lag p50`,
    ours: percentile(b.lags.sorted, 50) / 1000,
    unit: "s",
    target: "—",
    met: null,
  },
  {
    metric: `${label}: the same burst, due → done lag p99`,
    ours: percentile(b.lags.sorted, 99) / 1000,
    unit: "s",
    target: "—",
    met: null,
  },
];

async function burstOnSqlite(total: number): Promise<{ rows: Row[]; violation: string | null }> {
  const d = await startDocket({ worker: false });
  try {
    const steady = await tableSizes(d.runtime.ctx.db);
    const b = await runBurst(d, total, () => Promise.resolve(d.worker.start()));
    await d.worker.stop();
    const baseline = baselineRate(Math.min(total, 20_000));
    return {
      violation: b.violation,
      rows: [...burstRows("SQLite, one worker", total, b, baseline, 2000), ...(await afterRetention(d, steady))],
    };
  } finally {
    await d.close();
  }
}

/**
 * Lanes per worker in the two-process burst: the database machine's cores ÷ processes, as README advises for several
 * workers on one database (on this 2-core machine, 4 lanes each ran 2,924–3,033 robots/s, 1 lane 3,334–3,709).
 */
const WORKER_LANES = process.env.DOCKET_WORKER_LANES ?? String(Math.max(1, Math.floor(CORES / 2)));

/** The same burst on PostgreSQL, run by two app processes with a worker each (FOR UPDATE SKIP LOCKED claims). */
async function burstOnPostgres(url: string, total: number): Promise<{ rows: Row[]; violation: string | null }> {
  const databaseUrl = await freshPostgresSchema(url, "bench_automation");
  const d = await startDocket({ databaseUrl, worker: false });
  const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  try {
    const b = await runBurst(
      d,
      total,
      async () => {
        for (let i = 0; i < 2; i++) {
          servers.push(
            await startServerProcess({
              DATABASE_URL: databaseUrl,
              DOCKET_DATA_DIR: freeDataDir(),
              DOCKET_WORKER_LANES: WORKER_LANES,
            }),
          );
        }
      },
      {
        workers: () => servers.reduce((sum, server) => sum + cpuMsOf(server.pid), 0),
        database: () => backendsCpuMs(url),
      },
    );
    await Promise.all(servers.map((server) => server.stop()));
    const baseline = await postgresBaselineRate(databaseUrl, Math.min(total, 20_000));
    const floor = await postgresBatchedFloor(databaseUrl, Math.min(total, 20_000));
    return { violation: b.violation, rows: postgresRows(total, b, baseline, floor) };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await d.close();
  }
}

function postgresRows(total: number, b: Burst, baseline: number, floor: FloorResult): Row[] {
  const ours = b.workerCpuUsPerRobot + b.databaseCpuUsPerRobot;
  const floorTotal = floor.clientUsPerRobot + floor.backendUsPerRobot;
  // Where the app and PostgreSQL share the machine's cores, those cores' CPU time bounds the rate.
  const ceiling = (usPerRobot: number) => (CORES * 1_000_000) / usPerRobot;
  const cpuRow = (metric: string, ours: number, baseline: number): Row => ({
    metric,
    ours,
    baseline,
    unit: "µs",
    target: "—",
    met: null,
  });
  return [
    ...burstRows("PostgreSQL, two workers", total, b, baseline, 4000),
    {
      metric: `PostgreSQL: the same burst against the raw batched floor (${Math.min(total, 20_000).toLocaleString("en")} robots), throughput`,
      ours: b.rate,
      baseline: floor.rate,
      unit: "robots/s",
      target: "—",
      met: null,
    },
    cpuRow("PostgreSQL: CPU per robot in that burst, workers + PostgreSQL (vs the raw floor's)", ours, floorTotal),
    cpuRow(
      "PostgreSQL: the workers' CPU per robot (both processes, user + system)",
      b.workerCpuUsPerRobot,
      floor.clientUsPerRobot,
    ),
    cpuRow("PostgreSQL: its backends' CPU per robot", b.databaseCpuUsPerRobot, floor.backendUsPerRobot),
    {
      metric: `PostgreSQL: the ceiling that CPU leaves on ${CORES} cores (${CORES} cores ÷ CPU per robot)`,
      ours: ceiling(ours),
      baseline: ceiling(floorTotal),
      unit: "robots/s",
      target: "≥ 4,000 robots/s",
      met: ceiling(ours) >= 4000,
    },
  ];
}

interface TableSizes {
  jobs: number;
  sessions: number;
}

async function tableSizes(db: Db): Promise<TableSizes> {
  const count = async (table: "jobs" | "sessions") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { jobs: await count("jobs"), sessions: await count("sessions") };
}

/**
 * Housekeeping as the worker runs it (hourly), at a clock moved past the job retention and the sessions' lifetime:
 * the burst's finished jobs and the expired sessions are deleted. No sleep: the clock is injected.
 */
async function afterRetention(d: Docket, steady: TableSizes): Promise<Row[]> {
  const ctx = d.runtime.ctx;
  const burst = await tableSizes(ctx.db);
  const days = Math.ceil(Math.max(ctx.config.jobRetentionDays * 86_400_000, SESSION_TTL_MS) / 86_400_000) + 1;
  await scheduleHousekeeping(ctx); // what starting the worker does
  await new JobWorker(
    { ...ctx, clock: new ManualClock(new Date(Date.now() + days * 86_400_000)) },
    jobDefinitions,
  ).runDue();
  const after = await tableSizes(ctx.db);
  const { n: robotJobsLeft } = await ctx.db
    .selectFrom("jobs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("kind", "=", robotJob.kind)
    .executeTakeFirstOrThrow();
  console.log(
    `  jobs rows: ${steady.jobs} before the burst, ${burst.jobs} after it, ${after.jobs} after housekeeping ${days} days later;` +
      ` sessions: ${burst.sessions} → ${after.sessions}`,
  );
  return [
    {
      // What is left is the housekeeping run itself and the jobs it scheduled, kept as any finished job is.
      metric: `the burst's jobs left after housekeeping ${days} days later (retention ${ctx.config.jobRetentionDays} days; jobs table ${steady.jobs} → ${burst.jobs.toLocaleString("en")} → ${after.jobs} rows)`,
      ours: Number(robotJobsLeft),
      unit: "rows",
      target: "0",
      met: Number(robotJobsLeft) === 0,
    },
    {
      metric: `sessions past their lifetime (${SESSION_TTL_MS / 86_400_000} days), after that housekeeping (${burst.sessions} before)`,
      ours: after.sessions,
      unit: "rows",
      target: "0",
      met: after.sessions === 0,
    },
  ];
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
    while ((await anyPending(db)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
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
  const big = await burstOnSqlite(total);
  const url = benchDatabaseUrl();
  const scaled = url ? await burstOnPostgres(url, total) : null;
  if (!url) console.log("  PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to run the two-worker burst");
  const violations = [big.violation, normal.violation, scaled?.violation].filter(Boolean);
  report(
    "Automation: delayed robots on the job queue",
    [...big.rows, ...(scaled?.rows ?? []), ...normal.rows],
    [
      "Robot: setResponsible (locks the item, checks its stage entry, writes the run row, the item and its history row). A worker runs the robot jobs it claims together (50, topped up to 200 when all are robots) in one transaction, without savepoints; only when one of them fails is the batch rolled back to its start and run again with each robot behind a savepoint. On PostgreSQL the batch's jobs are claimed by locking their rows in that transaction (FOR UPDATE SKIP LOCKED) and settled in it.",
      `PostgreSQL: two app processes (serve), each with its worker, DOCKET_WORKER_LANES=${WORKER_LANES} (batches side by side per worker). Throughput and CPU are counted from the commit that makes the robots due.`,
      "Baseline: one transaction per robot inserting a run row and updating the item: raw better-sqlite3 on SQLite; raw pg over two connections on PostgreSQL.",
      "Raw batched floor (PostgreSQL): the same robots in raw pg over two connections, batched as Docket batches them (claim 50 due jobs FOR UPDATE SKIP LOCKED; per robot, lock the item and insert the run row in one statement, then update the item; one multi-row history insert; the jobs marked done; commit), every statement prepared. CPU per robot: the workers' processes (or the floor's client) plus PostgreSQL's backends of the benchmark's database, from /proc (the benchmark's own polling included in Docket's).",
      "The normal load runs on SQLite, one worker.",
      `Exactly once: ${violations.length ? `**violated**: ${violations.join("; ")}` : "every robot has exactly one run row and one effect."}`,
    ],
  );
  if (violations.length) process.exitCode = 1;
}
