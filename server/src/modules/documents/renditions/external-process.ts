import { spawn } from "node:child_process";
import fs from "node:fs";
import { runInBackground } from "../../../lib/background-priority.js";

/** A converter refused the file, crashed, ran out of memory or time: the rendition fails with this reason. */
export class ConversionError extends Error {}

export interface ToolRun {
  /** Kills the whole process group after this long (LibreOffice starts helpers that outlive a plain kill). */
  timeoutMs: number;
  /** Address-space cap applied with prlimit, inherited by every child (tesseract, ghostscript, soffice.bin). */
  memoryBytes?: number;
  cwd?: string;
  env?: Record<string, string>;
  /** Output kept in memory at most; converters write their real output to files. */
  maxOutputBytes?: number;
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

// util-linux's prlimit is on every Debian system; without it the process still runs, uncapped.
const PRLIMIT = ["/usr/bin/prlimit", "/bin/prlimit"].find((p) => fs.existsSync(p));

/**
 * Runs an external program outside the request path, in its own process group, with a timeout and a memory cap.
 * Resolves with its exit code and (bounded) output; a non-zero exit is the caller's to judge.
 */
export function runTool(command: string, args: string[], options: ToolRun): Promise<ToolResult> {
  const capped = options.memoryBytes && PRLIMIT;
  const file = capped ? PRLIMIT : command;
  const argv = capped ? [`--as=${options.memoryBytes}`, "--", command, ...args] : args;
  const maxOutput = options.maxOutputBytes ?? 256 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    runInBackground(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      if (outBytes < maxOutput) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      // The end of stderr says why a tool failed; keep the last part.
      err.push(chunk);
      errBytes += chunk.length;
      while (errBytes > 64 * 1024 && err.length > 1) errBytes -= err.shift()!.length;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === "ENOENT" ? new ConversionError(`${command} is not installed`) : error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // A helper left behind in the group (soffice.bin) must not live on.
      killGroup(child.pid);
      if (timedOut) {
        reject(new ConversionError(`${commandName(command)} took longer than ${seconds(options.timeoutMs)} s`));
        return;
      }
      const stdout = Buffer.concat(out).subarray(0, maxOutput).toString("utf8");
      const stderr = Buffer.concat(err).toString("utf8");
      if (signal) {
        reject(new ConversionError(`${commandName(command)} was stopped (${signal})${memoryHint(stderr)}`));
        return;
      }
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

const commandName = (command: string) => command.split("/").pop() ?? command;

function memoryHint(stderr: string): string {
  return /memory|bad_alloc|MemoryError/i.test(stderr) ? ": out of memory" : "";
}

/** The last meaningful line of a tool's stderr, for a failure reason a person can read. */
export function lastLine(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^warning: failed to launch javaldx/i.test(l));
  return (lines[lines.length - 1] ?? "").slice(0, 300);
}
