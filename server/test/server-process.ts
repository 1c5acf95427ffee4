import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ADMIN } from "./harness.js";

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

/** A real Docket server process started from a compiled bundle (`node --enable-source-maps <main.js> serve`). */
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
    this.child = spawn(process.execPath, ["--enable-source-maps", this.mainJs, "serve"], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.stderr}`);
      const healthy = await fetch(`${this.base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`server did not become healthy: ${this.stderr}`);
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

const SERVER_MAIN = path.resolve(import.meta.dirname, "../src/main.ts");

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
    // As long as real-server.ts waits: starting through tsx on 2 busy cores (LibreOffice in a parallel file) is slow.
    const deadline = Date.now() + 110_000;
    while (Date.now() < deadline) {
      if (
        await fetch(`http://127.0.0.1:${this.port}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("server did not become healthy");
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
