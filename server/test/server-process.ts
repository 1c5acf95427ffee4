import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

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
