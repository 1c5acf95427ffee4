// bench/scale-out: two real Docket processes on one PostgreSQL database with one shared blob folder. Concurrent
// uploads against both (no duplicate, no missing number); stage moves against both with immediate and short-delay
// robots run by both workers (each robot exactly once); an SSE client on process A receiving a notification
// caused on process B (LISTEN/NOTIFY). Prints a table; exits non-zero on any violation.
import fs from "node:fs";
import pg from "pg";
import { contractType, upload } from "./fixtures.js";
import {
  apiToken,
  BENCH_ADMIN,
  benchDatabaseUrl,
  freeDataDir,
  inParallel,
  freshPostgresSchema,
  quick,
  report,
  type Docket,
  type Row,
  type ServerProcess,
  startServerProcess,
} from "./lib.js";

const STAGES = [
  { code: "draft", name: "Черновик", color: "#868e96", semantics: "process" },
  { code: "review", name: "Проверка", color: "#fab005", semantics: "process" },
  { code: "approve", name: "Согласование", color: "#228be6", semantics: "process" },
  { code: "done", name: "Готово", color: "#40c057", semantics: "success" },
  { code: "rejected", name: "Отклонено", color: "#fa5252", semantics: "failure" },
];

class Client {
  constructor(
    readonly server: ServerProcess,
    readonly token: string,
  ) {}
  /** The shape `upload` from fixtures.ts needs. */
  get docket(): Docket {
    return { url: this.server.url, token: this.token } as Docket;
  }
  async call<T = any>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.server.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined && { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} on ${this.server.url} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Uploads half through A, half through B, 16 at a time; numbers must be exactly 1..total. */
async function uploads(a: Client, b: Client, total: number): Promise<Row[]> {
  const type = await contractType(a.docket, "scaleout");
  const numbers: string[] = [];
  const seconds = await inParallel(total, 16, async (i) => {
    const doc = await upload((i % 2 ? b : a).docket, type.id, i);
    numbers.push(doc.number);
  });
  const seqs = numbers.map((n) => Number(n.slice(-6)));
  const distinct = new Set(seqs);
  const duplicates = seqs.length - distinct.size;
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !distinct.has(n)).length;
  return [
    {
      metric: `${total} uploads, 16 at a time, alternating A and B`,
      ours: total / seconds,
      unit: "docs/s",
      target: "—",
      met: null,
    },
    { metric: "duplicate numbers", ours: duplicates, unit: "", target: "0", met: duplicates === 0 },
    { metric: "missing numbers (gaps in 1..N)", ours: missing, unit: "", target: "0", met: missing === 0 },
  ];
}

/** Items moved to "review" through A and B at once; an immediate and a 2-second robot each, run by both workers. */
async function robots(a: Client, b: Client, pool: pg.Pool, count: number): Promise<Row[]> {
  const process = await a.call("POST", "/api/processes", { code: "scaleout", name: "Масштаб", stages: STAGES });
  const robotBodies = [
    { stage: "review", delay: null, kind: "notify", params: { to: ["initiator"], message: "R0 {{item.title}}" } },
    { stage: "review", delay: "PT2S", kind: "notify", params: { to: ["initiator"], message: "R2 {{item.title}}" } },
  ];
  for (const robot of robotBodies) await a.call("POST", `/api/processes/${process.id}/robots`, robot);
  const items: { id: string; title: string }[] = [];
  await inParallel(count, 8, async (i) => {
    const item = await (i % 2 ? b : a).call("POST", `/api/processes/${process.id}/items`, { title: `Заявка ${i}` });
    items.push({ id: item.id, title: `Заявка ${i}` });
  });
  await inParallel(count, 8, async (i) => {
    await (i % 2 ? a : b).call("POST", `/api/items/${items[i]!.id}/stage`, { stage: "review" });
  });
  const expected = count * robotBodies.length;
  const deadline = Date.now() + 120_000;
  let runs = 0;
  for (;;) {
    const { rows } = await pool.query<{ runs: number; pending: number }>(
      `select (select count(*)::int from robot_runs) as runs,
        (select count(*)::int from jobs where done_at is null and kind = 'robot.run') as pending`,
    );
    runs = rows[0]!.runs;
    if ((runs >= expected && rows[0]!.pending === 0) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const doubled = await pool.query(
    `select robot_id, stage_entry_id from robot_runs group by robot_id, stage_entry_id having count(*) > 1`,
  );
  const notified = await pool.query<{ text: string; n: number }>(
    `select text, count(*)::int as n from notifications where text like 'R0 %' or text like 'R2 %' group by text`,
  );
  const byText = new Map(notified.rows.map((r) => [r.text, r.n]));
  const wrongNotifications = items.flatMap((item) =>
    ["R0", "R2"].filter((prefix) => byText.get(`${prefix} ${item.title}`) !== 1),
  ).length;
  return [
    {
      metric: `robot runs (${count} items × 2 robots, moved through A and B)`,
      ours: runs,
      unit: "",
      target: `= ${expected}`,
      met: runs === expected,
    },
    {
      metric: "robots that ran twice for one stage entry",
      ours: doubled.rowCount ?? 0,
      unit: "",
      target: "0",
      met: doubled.rowCount === 0,
    },
    {
      metric: "items without exactly one notification per robot",
      ours: wrongNotifications,
      unit: "",
      target: "0",
      met: wrongNotifications === 0,
    },
  ];
}

/** Reads an SSE stream until a `notification` event with `link` arrives; resolves with the time it did. */
async function awaitSseNotification(url: string, cookie: string, link: string, ready: () => void): Promise<number> {
  const res = await fetch(url, { headers: { cookie, accept: "text/event-stream" } });
  if (!res.ok || !res.body) throw new Error(`SSE → ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let announced = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("SSE stream ended before the notification arrived");
      buffer += decoder.decode(value, { stream: true });
      if (!announced && buffer.includes(": connected")) {
        announced = true;
        ready();
      }
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split("\n").find((line) => line.startsWith("data: "));
        if (event.includes("event: notification") && data && JSON.parse(data.slice(6)).link === link)
          return performance.now();
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** An approval decided on B notifies the item's initiator; their SSE stream is open on A. */
async function crossProcessSse(a: Client, b: Client, adminId: string): Promise<Row[]> {
  const login = await fetch(`${a.server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: BENCH_ADMIN.email, password: BENCH_ADMIN.password }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const process = await a.call("POST", "/api/processes", { code: "scaleout-sse", name: "SSE", stages: STAGES });
  await a.call("POST", `/api/processes/${process.id}/robots`, {
    stage: "approve",
    delay: null,
    kind: "requestApproval",
    params: { approvers: [adminId], mode: "any", onApprove: "done", onReject: "rejected" },
  });
  const item = await a.call("POST", `/api/processes/${process.id}/items`, { title: "Проверка SSE" });
  await a.call("POST", `/api/items/${item.id}/stage`, { stage: "approve" });
  let task: { id: string } | undefined;
  for (let i = 0; i < 100 && !task; i++) {
    const page = await b.call<{ items: { id: string; item?: { id: string }; itemId?: string }[] }>(
      "GET",
      "/api/approvals?state=pending",
    );
    task = page.items.find((t) => (t.itemId ?? t.item?.id) === item.id);
    if (!task) await new Promise((r) => setTimeout(r, 100));
  }
  if (!task) throw new Error("the approval robot did not ask for an approval");
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const arrival = awaitSseNotification(
    `${a.server.url}/api/notifications/stream`,
    cookie,
    `/items/${item.id}`,
    onReady,
  );
  await ready;
  const decided = performance.now();
  await b.call("POST", `/api/approvals/${task.id}/decision`, { decision: "approve" });
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(NaN), 10_000));
  const arrived = await Promise.race([arrival, timeout]);
  const ms = arrived - decided;
  return [
    {
      metric: "SSE on A receives a notification caused on B (decision → event)",
      ours: ms,
      unit: "ms",
      target: "arrives (≤ 10 s)",
      met: !Number.isNaN(ms),
    },
  ];
}

export async function benchScaleOut(): Promise<void> {
  const baseUrl = benchDatabaseUrl();
  if (!baseUrl) {
    console.log("  scale-out skipped: it needs PostgreSQL; set BENCH_DATABASE_URL=postgres://… (e.g. docket_bench).");
    return;
  }
  const databaseUrl = await freshPostgresSchema(baseUrl, "bench_scaleout");
  const blobDir = freeDataDir("docket-shared-blobs-");
  const dataDirs = [freeDataDir("docket-a-"), freeDataDir("docket-b-")];
  const servers: ServerProcess[] = [];
  const pool = new pg.Pool({ connectionString: baseUrl, options: "-c search_path=bench_scaleout", max: 2 });
  try {
    const common = { DATABASE_URL: databaseUrl, DOCKET_BLOB_DIR: blobDir, DOCKET_PROVISION: "none" };
    // A migrates and creates the admin; B starts on the same schema.
    servers.push(await startServerProcess({ ...common, DOCKET_DATA_DIR: dataDirs[0]! }));
    servers.push(await startServerProcess({ ...common, DOCKET_DATA_DIR: dataDirs[1]! }));
    const token = await apiToken(servers[0]!.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
    const [a, b] = servers.map((s) => new Client(s, token)) as [Client, Client];
    const me = await b.call<{ user: { id: string } }>("GET", "/api/auth/me");
    const rows = [
      ...(await uploads(a, b, quick ? 100 : 400)),
      ...(await robots(a, b, pool, quick ? 20 : 100)),
      ...(await crossProcessSse(a, b, me.user.id)),
    ];
    const violations = rows.filter((r) => r.met === false);
    report("Scale-out: two app processes on one PostgreSQL, one shared blob folder", rows, [
      "Both processes run `node --import tsx server/src/main.ts serve` with their own worker, DATABASE_URL and DOCKET_BLOB_DIR in common, separate DOCKET_DATA_DIR.",
      violations.length
        ? `**${violations.length} violation(s)**: ${violations.map((v) => v.metric).join("; ")}`
        : "No violation.",
    ]);
    if (violations.length) process.exitCode = 1;
  } finally {
    await pool.end();
    await Promise.all(servers.map((s) => s.stop()));
    for (const dir of [blobDir, ...dataDirs]) fs.rmSync(dir, { recursive: true, force: true });
  }
}
