// bench/http: an authenticated GET /api/documents/:id against a bare Fastify route in the same process.
import { createHash } from "node:crypto";
import autocannon from "autocannon";
import SqliteDatabase from "better-sqlite3";
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
    // The floor: what an authenticated read of a document cannot skip, with none of Docket's layers - the bearer
    // token hashed and found in memory (Docket remembers a signed-in caller too), one prepared statement reading the
    // document with its type's statuses, folder, rendition and item links (the statement Docket now runs) from the
    // same database file, and the row as JSON.
    const sqlite = new SqliteDatabase(d.config.databaseUrl.slice("sqlite:".length), { readonly: true });
    const card = sqlite.prepare(`select d.*, t.statuses as type_statuses, f.path as folder_path, i.item_id,
        r.state as rendition_state, r.pages as rendition_pages, r.thumbnail_sha256 as rendition_thumbnail
      from documents d left join document_types t on t.id = d.type_id left join drive_folders f on f.id = d.folder_id
        left join document_renditions r on r.document_id = d.id and r.version = d.version
        left join document_items i on i.document_id = d.id
      where d.id = ? order by i.item_id`);
    const signedIn = new Map([[createHash("sha256").update(d.token).digest("hex"), { id: "admin", role: "admin" }]]);
    bare.get<{ Params: { id: string } }>("/floor/:id", async (request, reply) => {
      const token = request.headers.authorization?.slice("Bearer ".length) ?? "";
      if (!signedIn.get(createHash("sha256").update(token).digest("hex"))) return reply.status(401).send();
      const row = card.get(request.params.id) as Record<string, unknown> | undefined;
      if (!row) return reply.status(404).send();
      return { ...row, statuses: JSON.parse(String(row.type_statuses)) as unknown };
    });
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
    const floorUrl = `http://127.0.0.1:${barePort}/floor/${doc.id}`;
    const ourUrl = `${d.url}/api/documents/${doc.id}`;
    const auth = { authorization: `Bearer ${d.token}` };
    // Both paths warm up (JIT, caches, pool) before either is measured.
    await run(bareUrl);
    await run(floorUrl, auth);
    await run(ourUrl, auth);
    const baseline = await run(bareUrl);
    const ours = await run(ourUrl, auth);
    const floor = await run(floorUrl, auth);
    await bare.close();
    sqlite.close();
    if (floor.non2xx > 0) throw new Error(`the floor answered ${floor.non2xx} non-2xx`);
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
        metric: "floor: requests/s of a bare route that checks the token and runs the card's one statement",
        ours: floor.requests.average,
        baseline: baseline.requests.average,
        unit: "req/s",
        target: "—",
        met: null,
      },
      {
        metric: "floor: server CPU per request (main thread)",
        ours: floor.cpuUsPerRequest,
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
