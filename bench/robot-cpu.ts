// `BENCH_DATABASE_URL=postgres://… npx tsx bench/robot-cpu.ts [robots=5000] [rounds=3]`: one worker in this process
// runs `robots` due setResponsible robots on PostgreSQL, `rounds` times; prints the worker's CPU per robot
// (process.cpuUsage, user + system), the CPU of the PostgreSQL backends serving the benchmark's database (from /proc,
// when PostgreSQL runs on this machine) and robots/s with one lane. On a machine whose cores PostgreSQL and the workers
// share, CPU per robot is what bounds the two-worker burst, and it is steadier than robots/s. The first round warms up
// the JIT. PROFILE=file.cpuprofile writes a CPU profile of the last round (open it in Chrome's DevTools).
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import { jobDefinitions } from "../server/src/composition/root.js";
import { JobWorker } from "../server/src/jobs/worker.js";
import { insertWaitingItems, setUp } from "./automation.js";
import { backendsCpuMs, benchDatabaseUrl, freshPostgresSchema, startDocket } from "./lib.js";

const url = benchDatabaseUrl();
if (!url) throw new Error("Set BENCH_DATABASE_URL=postgres://…");
const total = Number(process.argv[2] ?? 5000);
const rounds = Number(process.argv[3] ?? 3);
const d = await startDocket({ databaseUrl: await freshPostgresSchema(url, "bench_robot_cpu"), worker: false });
try {
  const setup = await setUp(d);
  for (let round = 1; round <= rounds; round++) {
    const due = new Date(Date.now() - 1000).toISOString();
    await insertWaitingItems(d.runtime.ctx.db, setup, total, () => due);
    const worker = new JobWorker(d.runtime.ctx, jobDefinitions);
    const profiler = process.env.PROFILE && round === rounds ? await startProfiler() : null;
    const backendsBefore = backendsCpuMs(url);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const ran = await worker.runDue();
    const used = process.cpuUsage(cpu);
    const backendsUs = (backendsCpuMs(url) - backendsBefore) * 1000;
    const seconds = (performance.now() - started) / 1000;
    if (profiler) fs.writeFileSync(process.env.PROFILE!, JSON.stringify(await profiler()));
    const perRobot = (µs: number) => (µs / ran).toFixed(0);
    console.log(
      `round ${round}: ${ran} robots, ${perRobot(used.user + used.system)} µs CPU/robot ` +
        `(user ${perRobot(used.user)}, system ${perRobot(used.system)}), PostgreSQL ${perRobot(backendsUs)} µs/robot, ` +
        `${(ran / seconds).toFixed(0)} robots/s`,
    );
  }
} finally {
  await d.close();
}

async function startProfiler(): Promise<() => Promise<unknown>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    return profile;
  };
}
