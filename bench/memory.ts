// bench/memory: resident memory of a real, idle Docket server process as `npm start` runs it (the compiled
// `node <scripts/node-flags.mjs> server/dist/main.js serve`, built first), read from /proc after it answers /api/health and
// has sat idle a few seconds.
// Baseline: a bare Fastify server process with one route, measured the same way in the same run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freeDataDir, procMemory, report, startServerProcess } from "./lib.js";

const IDLE_MS = 5_000;
const ROOT = path.resolve(import.meta.dirname, "..");

async function bareFastifyRss(): Promise<number> {
  const code = `const { default: Fastify } = await import("fastify");
    const app = Fastify(); app.get("/", async () => ({ ok: true }));
    await app.listen({ port: 0, host: "127.0.0.1" }); console.log("listening");`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
    cwd: path.join(ROOT, "server"),
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    child.once("exit", (code) => reject(new Error(`bare Fastify exited with ${code}`)));
  });
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const { rss } = procMemory(child.pid!);
  child.kill("SIGTERM");
  return rss;
}

export async function benchMemory(): Promise<void> {
  const dataDir = freeDataDir("docket-memory-");
  try {
    // A first start as a user gets it: migrations, the first admin, the mission's provisioning.
    const server = await startServerProcess({ DOCKET_DATA_DIR: dataDir }, [], { compiled: true });
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const memory = procMemory(server.pid);
    await server.stop();
    const baseline = await bareFastifyRss();
    report(
      "Memory: idle server process",
      [
        {
          metric: "RSS idle after start (compiled, SQLite, worker running)",
          ours: memory.rss,
          baseline,
          unit: "MB",
          target: "≤ 120 MB",
          met: memory.rss <= 120,
        },
        { metric: "peak RSS during start (VmHWM)", ours: memory.peak, unit: "MB", target: "—", met: null },
      ],
      [
        `Read from /proc/PID/status (VmRSS, VmHWM) ${IDLE_MS / 1000} s after /api/health first answered. Baseline: a bare Fastify process with one route.`,
      ],
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
