// `npm run soak [-- --minutes=10]`: mixed load from 200 virtual users against a real server process on SQLite.
// Not part of CI. Reports errors (target 0), latency percentiles and the server's memory over time.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { machineLine, multipartBody, percentile, samplePdf } from "./lib.js";

const minutes = Number(process.argv.find((a) => a.startsWith("--minutes="))?.slice(10) ?? 10);
const VIRTUAL_USERS = 200;
const ACCOUNTS = 20;

const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-soak-"));
const server = spawn(
  process.execPath,
  ["--import", "tsx", path.resolve(import.meta.dirname, "../server/src/main.ts"), "serve"],
  {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DOCKET_DATA_DIR: dataDir,
      DOCKET_ADMIN_EMAIL: "soak@example.com",
      DOCKET_ADMIN_PASSWORD: "soak-password",
      DOCKET_LOG_LEVEL: "error",
      DOCKET_LOGIN_ATTEMPTS: "10000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  },
);
const rssMb = () => {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

async function call(token: string, method: string, url: string, body?: unknown, contentType = "application/json") {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { "content-type": contentType }) },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null,
  };
}

async function tokenFor(email: string, password: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "soak" }),
  });
  return ((await res.json()) as { token: string }).token;
}

for (
  let i = 0;
  i < 600 &&
  !(await fetch(`${base}/api/health`).then(
    (r) => r.ok,
    () => false,
  ));
  i++
) {
  await new Promise((r) => setTimeout(r, 100));
}
const idleRss = rssMb();
const admin = await tokenFor("soak@example.com", "soak-password");
const tokens: string[] = [];
for (let i = 0; i < ACCOUNTS; i++) {
  await call(admin, "POST", "/api/users", {
    email: `u${i}@soak.local`,
    name: `Пользователь ${i}`,
    password: "soak-password",
  });
  tokens.push(await tokenFor(`u${i}@soak.local`, "soak-password"));
}
const types = (await call(admin, "GET", "/api/document-types")).json.items as { id: string; code: string }[];
const contract = types.find((t) => t.code === "contract")!;
const processId = (await call(admin, "GET", "/api/processes")).json.items[0].id as string;
const stages = ["new", "legal", "manager", "signing"];

const latencies: number[] = [];
const errors = new Map<string, number>();
const memory: { minute: number; rss: number }[] = [];
const pdf = samplePdf(30 * 1024, 1);
const stopAt = Date.now() + minutes * 60_000;

async function virtualUser(n: number): Promise<void> {
  const token = tokens[n % ACCOUNTS]!;
  const myItems: string[] = [];
  let step = 0;
  while (Date.now() < stopAt) {
    step++;
    const started = performance.now();
    let label = "list";
    let res: { status: number; json: any };
    const roll = (step * 7 + n) % 20;
    if (roll === 0) {
      label = "upload";
      const { body, contentType } = multipartBody(
        { typeId: contract.id, title: `Договор ${n}-${step}` },
        { name: "d.pdf", type: "application/pdf", data: pdf },
      );
      res = await call(token, "POST", "/api/documents", body, contentType);
    } else if (roll === 1) {
      label = "create item";
      res = await call(token, "POST", `/api/processes/${processId}/items`, { title: `Заявка ${n}-${step}` });
      if (res.status === 201) myItems.push(res.json.id);
    } else if (roll === 2 && myItems.length > 0) {
      label = "move item";
      const item = myItems[step % myItems.length]!;
      res = await call(token, "POST", `/api/items/${item}/stage`, { stage: stages[step % stages.length] });
      if (res.status === 409) res = { status: 200, json: null }; // a refused move (e.g. same stage) is a valid answer
    } else if (roll < 6) {
      label = "search";
      res = await call(token, "GET", `/api/documents?q=${encodeURIComponent("договор")}&limit=20`);
    } else if (roll < 9) {
      label = "notifications";
      res = await call(token, "GET", "/api/notifications?unread=true");
    } else {
      res = await call(token, "GET", `/api/documents?typeId=${contract.id}&limit=50`);
    }
    latencies.push(performance.now() - started);
    if (res.status >= 400) errors.set(`${label} ${res.status}`, (errors.get(`${label} ${res.status}`) ?? 0) + 1);
  }
}

const sampler = setInterval(
  () => memory.push({ minute: Number(((minutes * 60_000 - (stopAt - Date.now())) / 60_000).toFixed(1)), rss: rssMb() }),
  30_000,
);
await Promise.all(Array.from({ length: VIRTUAL_USERS }, (_, n) => virtualUser(n)));
clearInterval(sampler);
memory.push({ minute: minutes, rss: rssMb() });
server.kill("SIGTERM");
latencies.sort((a, b) => a - b);
const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);

const lines = [
  `### Soak: ${minutes} min, ${VIRTUAL_USERS} virtual users, SQLite`,
  "",
  `Machine: ${machineLine()}`,
  "",
  "| requests | errors | p50 | p95 | p99 | RSS idle | RSS peak | RSS end |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|",
  `| ${latencies.length} | ${errorCount} | ${percentile(latencies, 50).toFixed(1)} ms | ${percentile(latencies, 95).toFixed(1)} ms | ${percentile(latencies, 99).toFixed(1)} ms | ${idleRss.toFixed(0)} MB | ${Math.max(...memory.map((m) => m.rss)).toFixed(0)} MB | ${memory.at(-1)!.rss.toFixed(0)} MB |`,
  "",
  `Memory over time (minute → RSS MB): ${memory.map((m) => `${m.minute}→${m.rss.toFixed(0)}`).join(", ")}`,
  ...(errors.size ? ["", `Errors: ${[...errors].map(([k, v]) => `${k} ×${v}`).join(", ")}`] : []),
  "",
];
console.log(lines.join("\n"));
fs.writeFileSync(path.join(import.meta.dirname, "soak-results.md"), lines.join("\n"));
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(errorCount === 0 ? 0 : 1);
