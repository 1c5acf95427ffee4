// The raw batched floor of a robot burst on PostgreSQL: the least SQL a burst of setResponsible robots needs when it
// is batched as Docket batches it, in raw `pg` over two connections, without Kysely or any Docket code. Each
// connection repeats one transaction per batch: claim up to 50 due jobs (FOR UPDATE SKIP LOCKED); per robot, lock the
// item and insert its run row (one statement), then update the item; one multi-row history insert; the jobs marked
// done; commit. Every statement is prepared once per connection, as Docket's are. What this costs in CPU per robot,
// the client and PostgreSQL's backends together, bounds what any code can reach on the machine's cores.
import pg from "pg";
import { newId } from "../server/src/lib/ids.js";
import { cpuMsOf } from "./lib.js";

const BATCH = 50;

export interface FloorResult {
  rate: number;
  /** This process's CPU (user + system) per robot, in µs. */
  clientUsPerRobot: number;
  /** The two connections' backends' CPU per robot, in µs (NaN when PostgreSQL runs on another machine). */
  backendUsPerRobot: number;
}

const TABLES = `
  create table floor_items (id text primary key, stage_entry_id text not null, responsible_id text, updated_at text);
  create table floor_runs (id text primary key, robot_id text not null, item_id text not null,
    stage_entry_id text not null, unique (robot_id, stage_entry_id));
  create table floor_history (id text primary key, item_id text not null, at text not null, action text not null);
  create table floor_jobs (id text primary key, item_id text not null, stage_entry_id text not null,
    run_at text not null, done_at text);
  create index floor_jobs_due_idx on floor_jobs (run_at, id) where done_at is null;`;

const CLAIM = {
  name: "floor_claim",
  text: `select id, item_id, stage_entry_id from floor_jobs where done_at is null and run_at <= $1
    order by run_at, id limit ${BATCH} for update skip locked`,
};
const LOCK_AND_RUN = {
  name: "floor_lock_and_run",
  text: `with item as (select id, stage_entry_id from floor_items where id = $1 and stage_entry_id = $2 for update)
    insert into floor_runs (id, robot_id, item_id, stage_entry_id) select $3, 'robot', id, stage_entry_id from item
    on conflict (robot_id, stage_entry_id) do nothing returning id`,
};
const ASSIGN = {
  name: "floor_assign",
  text: "update floor_items set responsible_id = $2, updated_at = $3 where id = $1",
};
const HISTORY = {
  name: "floor_history",
  text: `insert into floor_history (id, item_id, at, action)
    select id, item_id, $3, 'robot' from unnest($1::text[], $2::text[]) as h (id, item_id)`,
};
const DONE = { name: "floor_done", text: "update floor_jobs set done_at = $2 where id = any($1::text[])" };

interface Job {
  id: string;
  item_id: string;
  stage_entry_id: string;
}

/** Runs batches on one connection until no job is due; returns how many robots it ran. */
async function drain(client: pg.Client): Promise<number> {
  let ran = 0;
  for (;;) {
    const at = new Date().toISOString();
    await client.query("begin");
    const { rows: jobs } = await client.query<Job>({ ...CLAIM, values: [at] });
    const assigned: string[] = [];
    for (const job of jobs) {
      const { rows } = await client.query({ ...LOCK_AND_RUN, values: [job.item_id, job.stage_entry_id, newId()] });
      if (rows.length === 0) continue;
      await client.query({ ...ASSIGN, values: [job.item_id, "admin", at] });
      assigned.push(job.item_id);
    }
    if (assigned.length > 0) {
      await client.query({ ...HISTORY, values: [assigned.map(() => newId()), assigned, at] });
    }
    if (jobs.length > 0) await client.query({ ...DONE, values: [jobs.map((job) => job.id), at] });
    await client.query("commit");
    ran += assigned.length;
    if (jobs.length === 0) return ran;
  }
}

export async function postgresBatchedFloor(url: string, total: number): Promise<FloorResult> {
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all(clients.map((c) => c.connect()));
  const [setup] = clients;
  try {
    await setup!.query(TABLES);
    const items = Array.from({ length: total }, () => ({ id: newId(), entry: newId() }));
    await setup!.query("insert into floor_items (id, stage_entry_id) select * from unnest($1::text[], $2::text[])", [
      items.map((i) => i.id),
      items.map((i) => i.entry),
    ]);
    await setup!.query(
      `insert into floor_jobs (id, item_id, stage_entry_id, run_at)
        select id, item_id, entry, $4 from unnest($1::text[], $2::text[], $3::text[]) as j (id, item_id, entry)`,
      [items.map(() => newId()), items.map((i) => i.id), items.map((i) => i.entry), new Date().toISOString()],
    );
    await setup!.query("analyze floor_items; analyze floor_jobs");
    const backends = await Promise.all(
      clients.map(async (c) => (await c.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid),
    );
    const backendMs = () => backends.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
    const clientBefore = cpuMsOf(process.pid);
    const backendBefore = backendMs();
    const started = performance.now();
    const ran = (await Promise.all(clients.map(drain))).reduce((a, b) => a + b, 0);
    const seconds = (performance.now() - started) / 1000;
    if (ran !== total) throw new Error(`the raw floor ran ${ran} robots of ${total}`);
    return {
      rate: total / seconds,
      clientUsPerRobot: ((cpuMsOf(process.pid) - clientBefore) * 1000) / total,
      backendUsPerRobot: ((backendMs() - backendBefore) * 1000) / total,
    };
  } finally {
    await setup!.query("drop table if exists floor_jobs, floor_history, floor_runs, floor_items");
    await Promise.all(clients.map((c) => c.end()));
  }
}
