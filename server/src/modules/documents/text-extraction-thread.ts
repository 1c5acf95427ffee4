import { Worker } from "node:worker_threads";
import { threadEntry } from "../../lib/thread-entry.js";

/**
 * Runs text extraction on a worker thread: parsing a PDF is CPU work that would otherwise stall every HTTP request
 * of this process while it runs. One thread, one file at a time; a file that takes too long is abandoned and the
 * thread replaced, so a hostile PDF cannot wedge the worker.
 */
const TIMEOUT_MS = 120_000;

interface Pending {
  resolve(text: string | undefined): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

let thread: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function startThread(): Worker {
  const worker = new Worker(threadEntry(import.meta.url, "text-extraction.worker"));
  worker.on("message", (message: { id: number; text?: string; error?: string }) => {
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    clearTimeout(job.timer);
    if (message.error !== undefined) job.reject(new Error(message.error));
    else job.resolve(message.text);
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", () => {
    if (thread === worker) thread = null;
    failAll(new Error("text extraction thread stopped"));
  });
  // After the listeners: attaching a "message" listener refs the thread again, and an idle thread must not keep
  // the process alive (a CLI command or a test would never exit).
  worker.unref();
  return worker;
}

function failAll(error: Error): void {
  for (const [id, job] of pending) {
    clearTimeout(job.timer);
    job.reject(error);
    pending.delete(id);
  }
}

export function extractTextInThread(bytes: Buffer, mimeType: string): Promise<string | undefined> {
  thread ??= startThread();
  const worker = thread;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`text extraction took over ${TIMEOUT_MS / 1000} s`));
      if (thread === worker) thread = null;
      void worker.terminate();
    }, TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage({ id, bytes: new Uint8Array(bytes), mimeType });
  });
}
