import { Worker } from "node:worker_threads";
import { threadEntry } from "../../lib/thread-entry.js";
import { ExtractionRefused } from "./extraction-limits.js";

/**
 * Runs text extraction on a worker thread: parsing a PDF is CPU work that would otherwise stall every HTTP request
 * of this process while it runs. One thread, one file at a time. The thread's heap is capped, so a file that makes
 * a parser allocate without end kills the thread (a recorded failure), not the server; a file that takes too long is
 * abandoned and the thread replaced. Both limits stay well inside the job's claim (60 s).
 */
export interface ThreadLimits {
  timeoutMs: number;
  /** V8 old generation of the thread; buffers outside the heap are bounded by the streaming limits instead. */
  heapMb: number;
}

let limits: ThreadLimits = { timeoutMs: 30_000, heapMb: 128 };

interface Pending {
  /** The thread reading it: a replaced thread's late exit must fail only its own requests. */
  worker: Worker;
  resolve(text: string | undefined): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

let thread: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/** For tests: other limits, taking effect with the next thread. */
export function setThreadLimits(next: Partial<ThreadLimits>): void {
  limits = { ...limits, ...next };
  const old = thread;
  thread = null;
  void old?.terminate();
}

function startThread(): Worker {
  const worker = new Worker(threadEntry(import.meta.url, "text-extraction.worker"), {
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
  });
  worker.on("message", (message: { id: number; text?: string; error?: string }) => {
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    clearTimeout(job.timer);
    if (message.error !== undefined) job.reject(new ExtractionRefused(message.error));
    else job.resolve(message.text);
  });
  worker.on("error", (error: Error & { code?: string }) => {
    if (thread === worker) thread = null;
    failAll(
      worker,
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new ExtractionRefused(`reading the file needed more than the ${limits.heapMb} MB of memory it may use`)
        : error,
    );
  });
  worker.on("exit", () => {
    if (thread === worker) thread = null;
    failAll(worker, new Error("text extraction thread stopped"));
  });
  // After the listeners: attaching a "message" listener refs the thread again, and an idle thread must not keep
  // the process alive (a CLI command or a test would never exit).
  worker.unref();
  return worker;
}

function failAll(worker: Worker, error: Error): void {
  for (const [id, job] of pending) {
    if (job.worker !== worker) continue;
    clearTimeout(job.timer);
    job.reject(error);
    pending.delete(id);
  }
}

/**
 * Text of the file, or undefined for a format without text; rejects with the reason when the file cannot be read.
 * A thread that dies for a reason of its own (it could not start under load, it stopped) is not the file's fault:
 * the file is read once more on a fresh thread before the failure counts.
 */
export async function extractTextInThread(bytes: Uint8Array, mimeType: string): Promise<string | undefined> {
  try {
    return await extractOnce(bytes, mimeType);
  } catch (error) {
    if (error instanceof ExtractionRefused) throw error;
    return extractOnce(bytes, mimeType);
  }
}

function extractOnce(bytes: Uint8Array, mimeType: string): Promise<string | undefined> {
  thread ??= startThread();
  const worker = thread;
  const id = nextId++;
  const { timeoutMs } = limits;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new ExtractionRefused(`reading the file took longer than ${timeoutMs / 1000} s`));
      if (thread === worker) thread = null;
      void worker.terminate();
    }, timeoutMs);
    pending.set(id, { worker, resolve, reject, timer });
    // A copy of our own to hand over (a Buffer may share its memory with others), transferred rather than cloned.
    const copy = new Uint8Array(bytes);
    worker.postMessage({ id, bytes: copy, mimeType }, [copy.buffer]);
  });
}
