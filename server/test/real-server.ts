import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { freshDatabaseUrl } from "./harness.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const REAL_ADMIN = { email: "admin@example.com", password: "admin-password-1" };

/**
 * A desktop client's suite needs its tool: locally a missing tool skips the suite (with a message); under CI=true
 * it fails, so CI can never pass without running it.
 */
export function toolAvailable(tool: string): boolean {
  const found = spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
  if (!found && process.env.CI === "true") throw new Error(`${tool} is not installed, and CI requires its suite`);
  if (!found) console.warn(`${tool} is not installed: skipping its suite (CI installs it)`);
  return found;
}

export interface RealServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Signs in as `email` and creates an API token (an app password). */
  appPassword(email: string, password: string): Promise<string>;
  /** A JSON API call with a bearer token. */
  api<T = any>(token: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A real Docket process (`node --import tsx server/src/main.ts serve`) on a free loopback port and a fresh database. */
export async function startRealServer(env: Record<string, string> = {}): Promise<RealServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-real-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/src/main.ts"), "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      DOCKET_DATA_DIR: dataDir,
      DATABASE_URL: await freshDatabaseUrl(dataDir),
      DOCKET_LOG_LEVEL: "warn",
      DOCKET_PROVISION: "none",
      DOCKET_ADMIN_EMAIL: REAL_ADMIN.email,
      DOCKET_ADMIN_PASSWORD: REAL_ADMIN.password,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const api = async (token: string, method: string, apiUrl: string, body?: unknown) => {
    const response = await fetch(`${url}${apiUrl}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    url,
    dataDir,
    api,
    async appPassword(email, password) {
      const login = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const created = await fetch(`${url}/api/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
        body: JSON.stringify({ name: "WebDAV" }),
      });
      return ((await created.json()) as { token: string }).token;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
