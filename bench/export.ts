// bench/export: the registry export streams in constant memory. A registry of 100,000 documents (20,000 with --quick)
// over 10 types, generated with bulk SQL; a real server process exports one type (10,000 rows) and then the whole
// registry, as CSV and as XLSX, while its resident memory is sampled from /proc every 25 ms. Constant memory shows
// as the two peaks' growth over the idle server being close although one file has ten times the rows.
import fs from "node:fs";
import { generateRegistry } from "./generate.js";
import {
  apiToken,
  BENCH_ADMIN,
  freeDataDir,
  openBenchRuntime,
  procMemory,
  quick,
  report,
  startServerProcess,
  type Row,
} from "./lib.js";

interface Measured {
  rows: number;
  bytes: number;
  seconds: number;
  growthMb: number;
}

async function exportOnce(
  url: string,
  token: string,
  pid: number,
  format: "csv" | "xlsx",
  idleRss: number,
  query = "",
): Promise<Measured> {
  let peak = procMemory(pid).rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, procMemory(pid).rss);
  }, 25);
  const started = performance.now();
  const res = await fetch(`${url}/api/documents/export?format=${format}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok || !res.body) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (format === "csv") for (const b of chunk) if (b === 0x0a) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, procMemory(pid).rss);
  return { rows: format === "csv" ? lines - 1 : NaN, bytes, seconds, growthMb: peak - idleRss };
}

const HEAP_CAP_MB = 128;

type Results = Record<"csv" | "xlsx", { small: Measured; large: Measured }>;

/**
 * One registry of `total` documents over 10 types, one server process: each format exported for one type (a tenth of
 * the registry) and then whole, the peaks compared with the server's resident memory before the first export.
 */
async function runOn(total: number): Promise<{ results: Results; smallRows: number }> {
  const dataDir = freeDataDir("docket-export-");
  const env = { DOCKET_DATA_DIR: dataDir, DOCKET_PROVISION: "none" };
  try {
    const runtime = await openBenchRuntime(env);
    const started = performance.now();
    const registry = await generateRegistry(runtime, total);
    await runtime.close();
    console.log(`  ${total.toLocaleString("en")} documents in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // V8 lets the heap grow lazily before it collects, so an uncapped process measures the collector's leisure more
    // than the export: the server runs with a heap cap, as under memory pressure, where an export that kept its
    // rows would fail with out-of-memory instead of merely growing.
    const server = await startServerProcess({ ...env, NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` });
    try {
      const token = await apiToken(server.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
      // Warm-up: routes compiled, exceljs loaded, as on a server in use.
      for (const format of ["csv", "xlsx"] as const) {
        await fetch(`${server.url}/api/documents/export?format=${format}&q=none`, {
          headers: { authorization: `Bearer ${token}` },
        }).then((r) => r.arrayBuffer());
      }
      await new Promise((r) => setTimeout(r, 2000));
      const idle = procMemory(server.pid).rss;
      const oneType = `&typeId=${registry.typeIds[0]}`;
      const results = {} as Results;
      let smallRows = 0;
      for (const format of ["csv", "xlsx"] as const) {
        const small = await exportOnce(server.url, token, server.pid, format, idle, oneType);
        const large = await exportOnce(server.url, token, server.pid, format, idle);
        if (format === "csv") {
          if (large.rows !== total) throw new Error(`CSV had ${large.rows} rows, expected ${total}`);
          smallRows = small.rows;
        }
        results[format] = { small, large };
      }
      return { results, smallRows };
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchExport(): Promise<void> {
  const total = quick ? 20_000 : 100_000;
  const { results, smallRows } = await runOn(total);
  const rows: Row[] = [];
  for (const format of ["csv", "xlsx"] as const) {
    const { small, large } = results[format];
    rows.push({
      metric: `${format.toUpperCase()}: peak RSS growth, ${total.toLocaleString("en")} vs ${smallRows.toLocaleString("en")} documents`,
      ours: large.growthMb,
      baseline: small.growthMb,
      unit: "MB",
      target: "≤ baseline + 32 MB",
      met: large.growthMb <= small.growthMb + 32,
    });
    rows.push({
      metric: `${format.toUpperCase()}: rows per second, ${total.toLocaleString("en")} documents`,
      ours: total / large.seconds,
      unit: "rows/s",
      target: "—",
      met: null,
    });
  }
  const mb = (m: Measured) => (m.bytes / 1e6).toFixed(1);
  report("Registry export: memory while streaming", rows, [
    `file sizes: CSV ${mb(results.csv.small)} MB → ${mb(results.csv.large)} MB, XLSX ${mb(results.xlsx.small)} MB → ${mb(results.xlsx.large)} MB`,
    `whole export: CSV ${results.csv.large.seconds.toFixed(1)} s, XLSX ${results.xlsx.large.seconds.toFixed(1)} s`,
    "baseline = exporting one of the registry's 10 types (a tenth of the rows) on the same server process just before; " +
      "growth = peak resident memory during the export minus the idle server's after a warm-up export",
    `server process run with --max-old-space-size=${HEAP_CAP_MB}: the 100,000-row exports finish within it`,
  ]);
}
