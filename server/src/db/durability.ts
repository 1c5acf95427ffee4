import fsp, { type FileHandle } from "node:fs/promises";

/**
 * Group commit for SQLite. The connection runs WAL with synchronous = NORMAL, so a COMMIT returns once its frames
 * are in the WAL file but before they reach the disk: a crash of the process keeps them (the OS has them), a power
 * loss may not. A use case that promises durability to its caller (a 201 for a registered document) awaits
 * `durable()` after its commit: one fsync of the WAL, off the main thread, shared by every commit that finished before
 * it started. Callers that arrive while an fsync runs wait for the next one, since their frames may have been written
 * after it began. (A checkpoint fsyncs the WAL before copying frames into the database and the database after, so
 * frames already checkpointed are durable too; on Linux fsync flushes the file whatever descriptor it is called on.)
 */
export class WalGroupCommit {
  private handle: Promise<FileHandle> | undefined;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  /** How many fsyncs were made (tests and the benchmark show the batching). */
  syncs = 0;

  constructor(private readonly databaseFile: string) {}

  durable(): Promise<void> {
    if (!this.running) {
      this.running = this.sync().finally(() => (this.running = undefined));
      return this.running;
    }
    // Everyone arriving during this fsync shares the one after it.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.durable();
      });
    return this.next;
  }

  private async sync(): Promise<void> {
    this.handle ??= fsp.open(`${this.databaseFile}-wal`, "r");
    const handle = await this.handle.catch((error: unknown) => {
      this.handle = undefined;
      throw error;
    });
    this.syncs++;
    await handle.datasync();
  }

  async close(): Promise<void> {
    const handle = await this.handle?.catch(() => undefined);
    this.handle = undefined;
    await handle?.close();
  }
}
