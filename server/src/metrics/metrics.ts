import { sql } from "kysely";
import type pg from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { AppContext } from "../context.js";

/**
 * The process's Prometheus metrics (prom-client), served at GET /metrics. Any module records into them directly:
 *
 *   const stop = metrics.renditionDuration.startTimer({ format: "docx" }); … stop({ outcome: "ready" });
 *   metrics.ocrDuration.observe({ outcome: "ready" }, seconds);
 *
 * Gauges about the database (jobs due, their lag, the pg pool) are read when scraped, from the database the
 * process opened (`watchDatabase`).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const registers = [registry];
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const CONVERSION_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

interface WatchedDatabase {
  ctx: Pick<AppContext, "db" | "clock">;
  pgPool?: pg.Pool;
}
let watched: WatchedDatabase | null = null;

/** Makes the scrape-time gauges read this database; returns the function that stops it (on close). */
export function watchDatabase(source: WatchedDatabase): () => void {
  watched = source;
  return () => {
    if (watched === source) watched = null;
  };
}

interface DueRow {
  kind: string;
  due: number;
  oldest: string | null;
}

async function dueJobs(): Promise<DueRow[]> {
  if (!watched) return [];
  const now = watched.ctx.clock.now().toISOString();
  const { rows } = await sql<DueRow>`
    select kind, count(*) as due, min(run_at) as oldest from jobs
    where done_at is null and run_at <= ${now} group by kind`.execute(watched.ctx.db.withoutPlugins());
  return rows;
}

export const metrics = {
  httpDuration: new Histogram({
    name: "docket_http_request_duration_seconds",
    help: "HTTP request duration by route pattern, method and status code",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: DURATION_BUCKETS,
    registers,
  }),
  jobsDue: new Gauge({
    name: "docket_jobs_due",
    help: "Jobs whose time has come and that have not finished, by kind",
    labelNames: ["kind"] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await dueJobs().catch(() => [])) this.set({ kind: row.kind }, Number(row.due));
    },
  }),
  jobsOldestDue: new Gauge({
    name: "docket_job_lag_seconds",
    help: "How long the oldest due, unfinished job of each kind has been waiting",
    labelNames: ["kind"] as const,
    registers,
    async collect() {
      this.reset();
      if (!watched) return;
      const now = watched.ctx.clock.now().getTime();
      for (const row of await dueJobs().catch(() => [])) {
        if (row.oldest) this.set({ kind: row.kind }, Math.max(0, (now - Date.parse(row.oldest)) / 1000));
      }
    },
  }),
  jobStartDelay: new Histogram({
    name: "docket_job_start_delay_seconds",
    help: "From a job's due time to a worker starting it, by kind",
    labelNames: ["kind"] as const,
    buckets: [0.1, 0.5, 1, 2, 5, 15, 60, 300, 3600],
    registers,
  }),
  jobsRun: new Counter({
    name: "docket_jobs_total",
    help: "Jobs run by this process's worker, by kind and outcome (success, retry, dead)",
    labelNames: ["kind", "outcome"] as const,
    registers,
  }),
  robotRuns: new Counter({
    name: "docket_robot_runs_total",
    help: "Robot runs by outcome (done, skipped by its condition, failed)",
    labelNames: ["outcome"] as const,
    registers,
  }),
  documentsRegistered: new Counter({
    name: "docket_documents_registered_total",
    help: "Documents registered (numbered and filed) by this process",
    registers,
  }),
  renditionDuration: new Histogram({
    name: "docket_rendition_duration_seconds",
    help: "Time to make a document's preview PDF and thumbnail, by source format and outcome",
    labelNames: ["format", "outcome"] as const,
    buckets: CONVERSION_BUCKETS,
    registers,
  }),
  ocrDuration: new Histogram({
    name: "docket_ocr_duration_seconds",
    help: "Time to OCR a scan, by outcome",
    labelNames: ["outcome"] as const,
    buckets: CONVERSION_BUCKETS,
    registers,
  }),
  sseConnections: new Gauge({
    name: "docket_sse_connections",
    help: "Open notification streams (Server-Sent Events) on this process",
    registers,
  }),
  dbPool: new Gauge({
    name: "docket_db_pool_connections",
    help: "PostgreSQL pool connections by state (total, idle, waiting clients); absent on SQLite",
    labelNames: ["state"] as const,
    registers,
    collect() {
      this.reset();
      const pool = watched?.pgPool;
      if (!pool) return;
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  }),
};
