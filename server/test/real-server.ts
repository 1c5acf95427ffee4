import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freshDatabaseUrl } from "./harness.js";
import { startServerProcess } from "./server-process.js";

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

/** A real Docket process (`node --import tsx server/src/main.ts serve`) on a free loopback port and a fresh database. */
export async function startRealServer(env: Record<string, string> = {}): Promise<RealServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-real-"));
  const server = await startServerProcess({
    DOCKET_DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(dataDir),
    DOCKET_PROVISION: "none",
    DOCKET_ADMIN_EMAIL: REAL_ADMIN.email,
    DOCKET_ADMIN_PASSWORD: REAL_ADMIN.password,
    ...env,
  });
  const url = server.url;
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
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
