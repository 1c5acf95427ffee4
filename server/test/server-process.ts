import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ADMIN } from "./harness.js";
import { serverNodeFlags } from "../../scripts/node-flags.mjs";

/** The environment of a real test server: its own data directory and database, the test admin, no provisioning. */
export function testServerEnv(
  dataDir: string,
  databaseUrl: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    DOCKET_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DOCKET_ADMIN_EMAIL: ADMIN.email,
    DOCKET_ADMIN_PASSWORD: ADMIN.password,
    DOCKET_PROVISION: "none",
    DOCKET_LOG_LEVEL: "error",
    ...overrides,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once `url`/api/health answers; throws when the process exits first or `timeoutMs` passes. */
export async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in ${timeoutMs / 1000} s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_MAIN = path.join(ROOT, "server/src/main.ts");

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** What the server wrote to stderr/stdout (the last 20,000 characters, for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * A real Docket server process (`node --import tsx server/src/main.ts serve`, or `main` instead of the sources) on a
 * free loopback port; resolves once /api/health answers. The child's pid is the server itself.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { main?: string[]; args?: string[] } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const main = options.main ?? ["--import", "tsx", SERVER_MAIN];
  const child = spawn(process.execPath, [...main, "serve", ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DOCKET_LOG_LEVEL: "warn", ...env },
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
  await waitUntilHealthy(url, child, () => output, 120_000);
  return {
    url,
    pid: child.pid!,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A real Docket server process started from a compiled bundle, with the production server's Node flags. */
export class CompiledServer {
  child: ChildProcess | null = null;
  stderr = "";
  constructor(
    readonly mainJs: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.stderr = "";
    this.child = spawn(process.execPath, [...serverNodeFlags, this.mainJs, "serve"], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    await waitUntilHealthy(this.base, this.child, () => this.stderr, 60_000);
  }

  /** Sends a signal and resolves with the exit code once the process is gone. */
  stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    const child = this.child;
    return new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve(child?.exitCode ?? null);
      child.once("exit", (code) => resolve(code));
      child.kill(signal);
    });
  }
}

/** The real server run from its sources through tsx (no build needed), killed with SIGKILL as a power cut would. */
export class SourceServer {
  child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ["--import", "tsx", SERVER_MAIN, "serve"], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitUntilHealthy(`http://127.0.0.1:${this.port}`, this.child, () => "", 110_000);
  }

  /** Resident memory of the server process (Linux), in MB; 0 while it exits. */
  rssMb(): number {
    try {
      const status = fs.readFileSync(`/proc/${this.child!.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0; // exiting, or already gone
    }
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.kill("SIGKILL");
    });
  }
}

export class SignedInClient {
  private cookie = "";
  private csrf = "";
  constructor(private readonly base: string) {}

  async login(): Promise<this> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    this.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return this;
  }

  async send(method: string, url: string, body?: unknown, contentType = "application/json") {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        cookie: this.cookie,
        "x-csrf-token": this.csrf,
        ...(body !== undefined && { "content-type": contentType }),
      },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const buffer = Buffer.from(await res.arrayBuffer());
    const isJson = (res.headers.get("content-type") ?? "").includes("json");
    return {
      status: res.status,
      body: isJson && buffer.length ? JSON.parse(buffer.toString()) : undefined,
      raw: buffer,
    };
  }
}
