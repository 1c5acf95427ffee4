import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { serverNodeFlags } from "../scripts/node-flags.mjs";
import { buildApp } from "../server/src/app.js";
import { attachWorker, openRuntime, type Runtime } from "../server/src/bootstrap.js";
import { loadConfig, type Config } from "../server/src/config.js";
import type { JobWorker } from "../server/src/jobs/worker.js";
import { startServerProcess as startServer, type ServerProcess } from "../server/test/server-process.js";

export { multipartBody, samplePdf } from "./payloads.js";

export const quick = process.argv.includes("--quick");

/** The first administrator of every benchmark installation. */
export const BENCH_ADMIN = { email: "bench@example.com", password: "bench-password" };
const BENCH_ADMIN_ENV = { DOCKET_ADMIN_EMAIL: BENCH_ADMIN.email, DOCKET_ADMIN_PASSWORD: BENCH_ADMIN.password };

/** An installation's runtime without HTTP (for generating data), the bench admin its first administrator. */
export const openBenchRuntime = (env: Record<string, string>) =>
  openRuntime(loadConfig({ ...env, ...BENCH_ADMIN_ENV }), pino({ level: "silent" }));

/** Runs `task(0..total-1)`, `concurrency` at a time; resolves with the seconds it took. */
export async function inParallel(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

export interface Docket {
  url: string;
  app: FastifyInstance;
  runtime: Runtime;
  config: Config;
  worker: JobWorker;
  token: string;
  close(): Promise<void>;
}

/** A real Docket (HTTP on a free loopback port, worker running) on a fresh database in a temp folder. */
export async function startDocket(options: { databaseUrl?: string; worker?: boolean } = {}): Promise<Docket> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-bench-"));
  const base = loadConfig({ DOCKET_DATA_DIR: dataDir, DOCKET_LOG_LEVEL: "silent", DOCKET_PROVISION: "none" });
  const config: Config = {
    ...base,
    databaseUrl: options.databaseUrl ?? base.databaseUrl,
    adminEmail: BENCH_ADMIN.email,
    adminPassword: BENCH_ADMIN.password,
    loginAttempts: 1000,
  };
  const runtime = await openRuntime(config, pino({ level: "silent" }));
  const app = await buildApp(runtime.ctx, { serveWeb: false });
  const worker = attachWorker(runtime.ctx);
  if (options.worker !== false) worker.start();
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const token = await apiToken(url, config.adminEmail!, config.adminPassword!);
  return {
    url,
    app,
    runtime,
    config,
    worker,
    token,
    async close() {
      await app.close();
      await worker.stop();
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in and creates an API token (what an integration would do). */
export async function apiToken(url: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const created = await fetch(`${url}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "bench" }),
  });
  return ((await created.json()) as { token: string }).token;
}

export async function api<T = any>(d: Docket, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${d.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${d.token}`, ...(body !== undefined && { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export interface Row {
  metric: string;
  ours: number;
  baseline?: number;
  unit: string;
  /** e.g. "≥ 50 % of baseline" */
  target: string;
  met: boolean | null;
}

const fmt = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? "—" : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);

/** Prints a markdown table and appends it to bench/results.md (the README copies the latest). */
export function report(title: string, rows: Row[], notes: string[] = []): void {
  const lines = [
    `### ${title}`,
    "",
    "| metric | Docket | baseline | ratio | target | met |",
    "|---|---:|---:|---:|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.metric} | ${fmt(r.ours)} ${r.unit} | ${r.baseline === undefined ? "—" : `${fmt(r.baseline)} ${r.unit}`} | ${
          r.baseline ? `${((r.ours / r.baseline) * 100).toFixed(0)} %` : "—"
        } | ${r.target} | ${r.met === null ? "—" : r.met ? "yes" : "**no**"} |`,
    ),
    ...(notes.length ? ["", ...notes.map((n) => `- ${n}`)] : []),
    "",
  ];
  const text = lines.join("\n");
  console.log(text);
  fs.appendFileSync(path.join(import.meta.dirname, "results.md"), `${text}\n`);
}

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()}`;
}

export const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/**
 * CPU time (user + system) a process or thread has used so far, in ms, from its /proc stat file (Linux): `pid` or
 * `self/task/<tid>`. NaN when it is gone or not on this machine. The figure counts in 10 ms ticks.
 */
export function cpuMsOf(procEntry: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${procEntry}/stat`, "utf8");
    // After the command name in parentheses: fields 14 (utime) and 15 (stime), in clock ticks (100 per second).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * CPU time (ms) the PostgreSQL backends of the benchmark's database have used so far: their process titles name the
 * database ("postgres: docket docket_bench 127.0.0.1(…) idle"). NaN when PostgreSQL is not on this machine.
 */
export function backendsCpuMs(databaseUrl: string): number {
  const database = new URL(databaseUrl).pathname.slice(1);
  let ms = 0;
  let found = false;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let title: string;
    try {
      title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue; // the process ended meanwhile
    }
    if (!title.startsWith("postgres:") || !title.includes(` ${database} `)) continue;
    ms += cpuMsOf(pid) || 0;
    found = true;
  }
  return found ? ms : NaN;
}

/**
 * CPU this process has spent so far, in ms: its main thread (the event loop: JavaScript, SQLite, the HTTP parser)
 * and its other threads together (V8's garbage-collector helpers and libuv's pool for the file system).
 */
export function threadCpuMs(): { main: number; others: number } {
  let others = 0;
  for (const tid of fs.readdirSync("/proc/self/task")) {
    if (tid !== String(process.pid)) others += cpuMsOf(`self/task/${tid}`) || 0; // 0: the thread ended meanwhile
  }
  return { main: cpuMsOf(`self/task/${process.pid}`), others };
}

const ROOT = path.resolve(import.meta.dirname, "..");

/** VmRSS / VmHWM (peak) of a process, in MiB, from /proc (Linux). */
export function procMemory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

export const freeDataDir = (prefix = "docket-bench-") => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export type { ServerProcess };

/**
 * A real Docket server process, started the way `npm start` starts it (`node --import tsx server/src/main.ts serve`,
 * which is also what `npx tsx server/src/main.ts serve` runs), on a free loopback port, with the bench admin; resolves once /api/health answers.
 */
export async function startServerProcess(
  env: Record<string, string>,
  args: string[] = [],
  /** Runs the compiled server (server/dist/main.js, what `npm start` runs; built first) instead of the sources. */
  options: { compiled?: boolean } = {},
): Promise<ServerProcess> {
  if (options.compiled) {
    const build = (await import(path.join(ROOT, "scripts/build.mjs"))) as { buildServer: () => Promise<void> };
    await build.buildServer();
  }
  return startServer(
    {
      ...BENCH_ADMIN_ENV,
      DOCKET_LOGIN_ATTEMPTS: "1000",
      ...env,
    },
    { args, ...(options.compiled && { main: [...serverNodeFlags, path.join(ROOT, "server/dist/main.js")] }) },
  );
}

/** Timings of `count` sequential requests from this process (one at a time, so each is a request's latency). */
export async function timeRequests(
  count: number,
  request: (i: number) => Promise<Response>,
): Promise<{ sorted: number[]; failures: number }> {
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await request(i);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) failures++;
  }
  return { sorted: times.sort((a, b) => a - b), failures };
}

/** The PostgreSQL URL for benchmarks, or undefined (then PostgreSQL parts are skipped with a message). */
export const benchDatabaseUrl = () => process.env.BENCH_DATABASE_URL || undefined;

/** A new, empty schema in the benchmark database (dropped first if a previous run left it); returns its URL. */
export async function freshPostgresSchema(url: string, schema: string): Promise<string> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  return postgresSchemaUrl(url, schema);
}

/** The URL of one schema of the benchmark database. */
export function postgresSchemaUrl(url: string, schema: string): string {
  const withSchema = new URL(url);
  withSchema.searchParams.set("schema", schema);
  return withSchema.toString();
}
