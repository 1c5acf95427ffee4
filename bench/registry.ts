// bench/registry: 1,000,000 documents (20,000 with --quick) over 10 types and 10,000 companies, generated with bulk
// SQL into the real tables; then a real server process answers 1,000 requests each of the registry's filtered lists
// and of full-text search, one at a time. Baseline: GET /api/health on the same server in the same run (the floor
// of one authenticated-free HTTP round trip with one query). SQLite always; PostgreSQL too when BENCH_DATABASE_URL is set.
import fs from "node:fs";
import path from "node:path";
import pino from "pino";
import { openRuntime } from "../server/src/bootstrap.js";
import { loadConfig } from "../server/src/config.js";
import { textSearchFor } from "../server/src/db/text-search.js";
import { companyIdsMatching } from "../server/src/modules/crm/index.js";
import {
  companyName,
  generateRegistry,
  random,
  STATUSES,
  SUBJECTS,
  VOCABULARY,
  zipfRank,
  type Registry,
} from "./generate.js";
import {
  apiToken,
  BENCH_ADMIN,
  benchDatabaseUrl,
  freeDataDir,
  freshPostgresSchema,
  openBenchRuntime,
  postgresSchemaUrl,
  percentile,
  procMemory,
  quick,
  report,
  startServerProcess,
  timeRequests,
  type Row,
} from "./lib.js";

const REQUESTS = 1000;
/** Requests per query class (company, number, common word, …), timed apart so no class hides in the mix. */
const CLASS_REQUESTS = 100;

/** What people type into the registry's search box, one generator per kind of query. */
function queryClasses(registry: Registry, rnd: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  return {
    "company name": () => companyName(Math.floor(rnd() * 10_000)),
    number: () => pick(registry.sampleNumbers),
    // The ten most frequent words of the file texts: each is in 40–94 % of the documents.
    "most common word": () => VOCABULARY[Math.floor(rnd() * 10)]!,
    "word, Zipf-drawn": () => VOCABULARY[zipfRank(rnd)]!,
    "rare word": () => VOCABULARY[1000 + Math.floor(rnd() * 1000)]!,
    "title phrase": () => `договор ${pick(SUBJECTS)}`,
  } satisfies Record<string, () => string>;
}
type QueryClass = keyof ReturnType<typeof queryClasses>;

interface Outcome {
  label: string;
  total: number;
  generateSeconds: number;
  timings: Record<"health" | "typeStatus" | "company" | "text", number[]>;
  classTimings: Record<QueryClass, number[]>;
  checked: { queries: number; mismatches: string[] };
  rssAfterMb: number;
  peakRssMb: number;
  textHits: { empty: number; total: number };
}

/**
 * `BENCH_REGISTRY_DIR=/some/dir` keeps the generated registry there (SQLite files; for PostgreSQL its schema stays)
 * and reuses it on the next run with the same size, so repeated runs skip the minutes of generation.
 */
const keptDir = process.env.BENCH_REGISTRY_DIR || undefined;

interface Generated {
  registry: Registry;
  generateSeconds: number;
}

export async function generateOnce(label: string, total: number, env: Record<string, string>): Promise<Generated> {
  const saved = keptDir && path.join(keptDir, `${label}-${total}.json`);
  if (saved && fs.existsSync(saved)) {
    console.log(`  ${label}: reusing the registry kept in ${keptDir}`);
    return JSON.parse(fs.readFileSync(saved, "utf8")) as Generated;
  }
  const runtime = await openBenchRuntime(env);
  const started = performance.now();
  let lastLog = started;
  const registry = await generateRegistry(runtime, total, (done) => {
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      console.log(`  ${label}: ${done.toLocaleString("en")} documents generated`);
    }
  });
  const generateSeconds = (performance.now() - started) / 1000;
  await runtime.close();
  console.log(`  ${label}: ${total.toLocaleString("en")} documents in ${generateSeconds.toFixed(0)} s`);
  if (saved) fs.writeFileSync(saved, JSON.stringify({ registry, generateSeconds }));
  return { registry, generateSeconds };
}

async function runOn(label: string, total: number, databaseUrl?: string): Promise<Outcome> {
  const dataDir = keptDir ? path.join(keptDir, `${label}-${total}`) : freeDataDir("docket-registry-");
  fs.mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = { DOCKET_DATA_DIR: dataDir, DOCKET_PROVISION: "none" };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const { registry, generateSeconds } = await generateOnce(label, total, env);

  const server = await startServerProcess(env);
  try {
    const token = await apiToken(server.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
    const get = (url: string) => fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
    const rnd = random(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    const typeStatus = () => `/api/documents?typeId=${pick(registry.typeIds)}&status=${pick(STATUSES).code}`;
    const company = () => `/api/documents?companyId=${pick(registry.companyIds)}`;
    const classes = queryClasses(registry, rnd);
    // The mix: a company (30 %), a number (20 %), a word of the text drawn with Zipf frequencies (30 %), a phrase.
    const textQuery = () => {
      const r = rnd();
      const q =
        r < 0.3
          ? classes["company name"]()
          : r < 0.5
            ? classes.number()
            : r < 0.8
              ? classes["word, Zipf-drawn"]()
              : classes["title phrase"]();
      return `/api/documents?q=${encodeURIComponent(q)}`;
    };
    // Warm-up: the first requests compile routes and fill caches; a server in use has done that long ago.
    for (const url of [typeStatus, company, textQuery]) await timeRequests(30, () => get(url()));
    const timings = {} as Outcome["timings"];
    const kinds = { health: () => "/api/health", typeStatus, company, text: textQuery };
    for (const [kind, url] of Object.entries(kinds)) {
      const { sorted, failures } = await timeRequests(REQUESTS, () => get(url()));
      if (failures > 0) throw new Error(`${label} ${kind}: ${failures} failed requests`);
      timings[kind as keyof Outcome["timings"]] = sorted;
    }
    const classTimings = {} as Outcome["classTimings"];
    for (const [kind, query] of Object.entries(classes)) {
      const { sorted, failures } = await timeRequests(CLASS_REQUESTS, () =>
        get(`/api/documents?q=${encodeURIComponent(query())}`),
      );
      if (failures > 0) throw new Error(`${label} ${kind}: ${failures} failed requests`);
      classTimings[kind as QueryClass] = sorted;
    }
    const checked = await checkAgainstFullScan(env, get, Object.values(classes));
    let empty = 0;
    for (let i = 0; i < 50; i++) {
      const page = (await (await get(textQuery())).json()) as { items: unknown[] };
      if (page.items.length === 0) empty++;
    }
    const memory = procMemory(server.pid);
    return {
      label,
      total,
      generateSeconds,
      timings,
      classTimings,
      checked,
      rssAfterMb: memory.rss,
      peakRssMb: memory.peak,
      textHits: { empty, total: 50 },
    };
  } finally {
    await server.stop();
    if (!keptDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Each query's first two pages and total from the server, against the plain plan: every document matching the
 * same condition (text-search.ts `condition`), counted in full and sorted by id. Two queries of each class.
 */
async function checkAgainstFullScan(
  env: Record<string, string>,
  get: (url: string) => Promise<Response>,
  classes: (() => string)[],
): Promise<Outcome["checked"]> {
  const config = loadConfig({
    ...env,
    DOCKET_ADMIN_EMAIL: "bench@example.com",
    DOCKET_ADMIN_PASSWORD: "bench-password",
  });
  const runtime = await openRuntime(config, pino({ level: "silent" }));
  const { db, dialect } = runtime.ctx;
  const mismatches: string[] = [];
  const references: { q: string; ids: string[]; total: number }[] = [];
  try {
    for (const q of classes.flatMap((query) => [query(), query()])) {
      const { condition } = await textSearchFor(dialect).matches(db, q, await companyIdsMatching(db, q));
      const matching = db.selectFrom("documents").where(condition).where("documents.state", "!=", "archived");
      const ids = await matching.select("documents.id").orderBy("documents.id", "desc").limit(100).execute();
      const { n } = await matching.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      references.push({ q, ids: ids.map((r) => r.id), total: Number(n) });
    }
  } finally {
    await runtime.close();
  }
  // Asked after the slow full scans, so no keep-alive connection sits idle across one of them.
  for (const { q, ids, total } of references) {
    type Page = { items: { id: string }[]; nextCursor: string | null; total: number; totalCapped: boolean };
    const first = (await (await get(`/api/documents?q=${encodeURIComponent(q)}`)).json()) as Page;
    const second = first.nextCursor
      ? ((await (await get(`/api/documents?q=${encodeURIComponent(q)}&cursor=${first.nextCursor}`)).json()) as Page)
      : { items: [] };
    const got = [...first.items, ...second.items].map((d) => d.id);
    if (got.join() !== ids.join()) mismatches.push(`«${q}»: pages differ from the full scan`);
    if (first.total !== Math.min(total, 10_000) || first.totalCapped !== total > 10_000)
      mismatches.push(`«${q}»: total ${first.total}${first.totalCapped ? "+" : ""}, full scan ${total}`);
  }
  const queries = references.length;
  return { queries, mismatches };
}

function rowsOf(o: Outcome): Row[] {
  const rows: Row[] = [];
  const health = o.timings.health;
  const kinds = [
    ["list by type + status", o.timings.typeStatus, 20],
    ["list by company", o.timings.company, 20],
    ["full-text q", o.timings.text, 100],
  ] as const;
  for (const [name, sorted, target] of kinds) {
    for (const p of [50, 95, 99]) {
      const ours = percentile(sorted, p);
      rows.push({
        metric: `${o.label}: ${name}, p${p}`,
        ours,
        baseline: percentile(health, p),
        unit: "ms",
        target: p === 95 ? `≤ ${target} ms` : "—",
        met: p === 95 ? ours <= target : null,
      });
    }
  }
  for (const [kind, sorted] of Object.entries(o.classTimings)) {
    const ours = percentile(sorted, 95);
    rows.push({
      metric: `${o.label}: full-text q = ${kind}, p95`,
      ours,
      baseline: percentile(health, 95),
      unit: "ms",
      target: "≤ 100 ms",
      met: ours <= 100,
    });
  }
  rows.push(
    {
      metric: `${o.label}: results equal to a full scan (first two pages and total)`,
      ours: o.checked.queries - o.checked.mismatches.length,
      baseline: o.checked.queries,
      unit: "queries",
      target: "all",
      met: o.checked.mismatches.length === 0,
    },
    {
      metric: `${o.label}: server RSS after the queries`,
      ours: o.rssAfterMb,
      unit: "MB",
      target: "—",
      met: null,
    },
    {
      metric: `${o.label}: server peak RSS (VmHWM)`,
      ours: o.peakRssMb,
      unit: "MB",
      target: "—",
      met: null,
    },
    {
      metric: `${o.label}: bulk generation`,
      ours: o.total / o.generateSeconds,
      unit: "docs/s",
      target: "—",
      met: null,
    },
  );
  return rows;
}

export async function benchRegistry(): Promise<void> {
  // The quick run (CI, on every push) keeps the whole `npm run bench -- --quick` under 3 minutes on 2 cores.
  const total = quick ? 20_000 : 1_000_000;
  const outcomes = [await runOn("SQLite", total)];
  const pgUrl = benchDatabaseUrl();
  if (pgUrl) {
    const schema = `bench_registry_${total}`;
    const kept = keptDir && fs.existsSync(path.join(keptDir, `PostgreSQL-${total}.json`));
    const url = kept ? postgresSchemaUrl(pgUrl, schema) : await freshPostgresSchema(pgUrl, schema);
    outcomes.push(await runOn("PostgreSQL", total, url));
  } else console.log("  PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to run it beside SQLite");
  report(
    `Registry: ${total.toLocaleString("en")} documents, 10 types, 10,000 companies (${REQUESTS} requests each, one at a time)`,
    outcomes.flatMap(rowsOf),
    [
      "Baseline: GET /api/health (no auth, one query) on the same server process in the same run.",
      "Requests: random type + status; random company; q = a company name (30 %), a document number (20 %), a word of the file text drawn with Zipf frequencies (30 %), a title phrase such as «договор поставки» (20 %).",
      "The server is a separate process (`node --import tsx server/src/main.ts serve`), authenticated with an API token as admin; RSS is read from /proc.",
      `Query classes, ${CLASS_REQUESTS} requests each: a company name; a document number; one of the ten most common words of the file texts; a word drawn with Zipf frequencies; a word of rank 1000–2000; «договор <subject>».`,
      ...outcomes.map(
        (o) =>
          `${o.label}: ${o.textHits.total - o.textHits.empty} of ${o.textHits.total} sampled searches found documents.`,
      ),
      ...outcomes.flatMap((o) => o.checked.mismatches.map((m) => `${o.label}: ${m}`)),
    ],
  );
}
