// bench/http: an authenticated GET /api/documents/:id against a bare Fastify route in the same process.
import autocannon from "autocannon";
import Fastify from "fastify";
import { contractType, upload } from "./fixtures.js";
import { api, cpuMsOf, quick, report, startDocket } from "./lib.js";

export async function benchHttp(): Promise<void> {
  const d = await startDocket();
  try {
    const type = await contractType(d);
    const doc = await upload(d, type.id, 1);
    const body = await api(d, "GET", `/api/documents/${doc.id}`);

    const bare = Fastify();
    bare.get("/bare", async () => body);
    await bare.listen({ port: 0, host: "127.0.0.1" });
    const bareAddress = bare.server.address();
    const barePort = typeof bareAddress === "object" && bareAddress ? bareAddress.port : 0;

    const duration = quick ? 3 : 10;
    // The load generator runs in a worker thread so it does not share the server's event loop; the main thread's CPU
    // per request is the server's cost, a steadier figure than req/s while the generator shares the cores.
    const run = async (url: string, headers: Record<string, string> = {}) => {
      const cpuBefore = cpuMsOf(`self/task/${process.pid}`);
      const result = await autocannon({ url, connections: 32, duration, headers, workers: 1 });
      const cpuUsPerRequest = ((cpuMsOf(`self/task/${process.pid}`) - cpuBefore) * 1000) / result.requests.total;
      return { ...result, cpuUsPerRequest };
    };
    const bareUrl = `http://127.0.0.1:${barePort}/bare`;
    const ourUrl = `${d.url}/api/documents/${doc.id}`;
    const auth = { authorization: `Bearer ${d.token}` };
    // Both paths warm up (JIT, caches, pool) before either is measured.
    await run(bareUrl);
    await run(ourUrl, auth);
    const baseline = await run(bareUrl);
    const ours = await run(ourUrl, auth);
    await bare.close();
    if (ours.non2xx > 0) throw new Error(`${ours.non2xx} non-2xx answers`);

    const ratio = ours.requests.average / baseline.requests.average;
    report("HTTP: authenticated GET /api/documents/:id vs a bare Fastify route", [
      {
        metric: "requests/s (32 connections)",
        ours: ours.requests.average,
        baseline: baseline.requests.average,
        unit: "req/s",
        target: "≥ 50 % of baseline",
        met: ratio >= 0.5,
      },
      {
        metric: "server CPU per request (main thread)",
        ours: ours.cpuUsPerRequest,
        baseline: baseline.cpuUsPerRequest,
        unit: "µs",
        target: "—",
        met: null,
      },
      {
        metric: "latency p99",
        ours: ours.latency.p99,
        baseline: baseline.latency.p99,
        unit: "ms",
        target: "—",
        met: null,
      },
    ]);
  } finally {
    await d.close();
  }
}
