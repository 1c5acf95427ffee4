// bench/http: an authenticated GET /api/documents/:id against a bare Fastify route in the same process.
import autocannon from "autocannon";
import Fastify from "fastify";
import { contractType, upload } from "./fixtures.js";
import { api, quick, report, startDocket } from "./lib.js";

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
    const run = (url: string, headers: Record<string, string> = {}) =>
      // The load generator runs in a worker thread so it does not share the server's event loop.
      autocannon({ url, connections: 32, duration, headers, workers: 1 });
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
