import os from "node:os";

/**
 * The nice value of background work (converters, OCR, text extraction): when uploads and the backlog of their
 * previews compete for the CPU, the requests get it first and the backlog catches up when they stop.
 */
const BACKGROUND_NICE = 10;

/** Lowers a child process (and the helpers it starts later) to the background priority; a process gone is left. */
export function runInBackground(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    os.setPriority(pid, BACKGROUND_NICE);
  } catch {
    // exited already, or not permitted: it runs at normal priority
  }
}

/**
 * Lowers the calling worker thread only. Linux keeps a nice value per thread, so this leaves the event loop alone;
 * elsewhere the same call would lower the whole process, so there it does nothing.
 */
export function runThisThreadInBackground(): void {
  if (process.platform === "linux") runInBackground(0);
}
