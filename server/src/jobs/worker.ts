import { sql } from "kysely";
import type { AppContext } from "../context.js";
import { newId } from "../lib/ids.js";
import { handlerFor, type JobInfo } from "./registry.js";

export interface WorkerOptions {
  /** How often an idle worker looks for due jobs; a due robot runs within about this long. */
  pollMs?: number;
  batchSize?: number;
  /** A claim expires after this long, so a job whose worker died is taken again. */
  claimMs?: number;
}

interface ClaimedJob extends JobInfo {
  payload: string;
  maxAttempts: number;
}

const MAX_BACKOFF_MS = 3_600_000;

/**
 * Claims due jobs from the `jobs` table and runs their handlers. Any number of workers may share one
 * PostgreSQL database (claims use FOR UPDATE SKIP LOCKED); on SQLite the single writer serialises claims.
 */
export class JobWorker {
  readonly id = newId();
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly claimMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;

  constructor(
    private readonly ctx: AppContext,
    options: WorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.batchSize = options.batchSize ?? 50;
    this.claimMs = options.claimMs ?? 60_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming, lets the jobs in hand finish, then resolves. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Called after a commit that enqueued work, so it starts now rather than at the next poll. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /** Runs every job that is due now, batch after batch, until none is left. Returns how many ran. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0) return total;
      const outcomes = await Promise.all(batch.map((job) => this.execute(job)));
      await this.settleDone(batch.filter((_, i) => outcomes[i]));
      total += batch.length;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const ran = await this.runDue();
        if (ran > 0) continue;
      } catch (error) {
        this.ctx.log.error({ err: error }, "job worker: claim failed");
      }
      await this.sleep(this.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake || !this.running) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.pendingWake = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async claim(): Promise<ClaimedJob[]> {
    const now = this.ctx.clock.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + this.claimMs).toISOString();
    const { rows } = await sql<ClaimedJob>`
      update jobs set locked_until = ${until}, locked_by = ${this.id}, attempts = attempts + 1
      where id in (
        select id from jobs
        where done_at is null and run_at <= ${nowIso} and (locked_until is null or locked_until < ${nowIso})
        order by run_at, id
        limit ${this.batchSize}
        ${this.ctx.dialect.skipLocked}
      )
      returning id, kind, payload, attempts, max_attempts as "maxAttempts", run_at as "runAt"`.execute(
      this.ctx.db.withoutPlugins(),
    );
    return rows;
  }

  /** Runs one job; true when it succeeded (settled with its batch), false when it failed (settled here). */
  private async execute(job: ClaimedJob): Promise<boolean> {
    const handler = handlerFor(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(this.ctx, JSON.parse(job.payload), job);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = job.attempts >= job.maxAttempts;
      this.ctx.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, dead, err: error }, "job failed");
      const now = this.ctx.clock.now().getTime();
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(job.attempts, 20));
      await this.finish(job, {
        doneAt: dead ? new Date(now).toISOString() : null,
        runAt: dead ? undefined : new Date(now + backoff).toISOString(),
        lastError: dead ? `gave up after ${job.attempts} attempts: ${message}` : message,
      });
      return false;
    }
  }

  /**
   * Marks the batch's succeeded jobs done in one statement: on SQLite a commit per job cost as much as a robot's
   * own work. A crash before this line re-runs them after their claim expires, as a crash after the handler always
   * could; handlers are idempotent.
   */
  private async settleDone(jobs: ClaimedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.ctx.db
      .updateTable("jobs")
      .set({ doneAt: this.ctx.clock.now().toISOString(), lastError: null, lockedUntil: null, lockedBy: null })
      .where(
        "id",
        "in",
        jobs.map((job) => job.id),
      )
      .where("lockedBy", "=", this.id)
      .execute();
  }

  /** Only the holder of the claim may settle a job; a worker whose claim expired must not overwrite the new holder. */
  private async finish(job: ClaimedJob, patch: { doneAt: string | null; runAt?: string; lastError: string | null }) {
    await this.ctx.db
      .updateTable("jobs")
      .set({ ...patch, lockedUntil: null, lockedBy: null })
      .where("id", "=", job.id)
      .where("lockedBy", "=", this.id)
      .execute();
  }
}
