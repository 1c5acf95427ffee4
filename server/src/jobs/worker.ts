import { sql, type SqlBool, type RawBuilder } from "kysely";
import { z } from "zod";
import type { AppContext } from "../context.js";
import type { Db } from "../db/database.js";
import { withClaimPlan } from "../db/dialect.js";
import { BatchRunAgain, inTransaction, type Work } from "../db/work.js";
import { newId } from "../lib/ids.js";
import { metrics } from "../metrics/metrics.js";
import { JobGaveUp, type JobInfo, type SomeJobDefinition } from "./definition.js";

export interface WorkerOptions {
  /** How often an idle worker looks for due jobs; a due robot runs within about this long. */
  pollMs?: number;
  /** Jobs claimed in one batch; jobs run alone (webhooks, e-mails) start at most this many at once. */
  batchSize?: number;
  /**
   * A batch that comes back full of jobs run in a Work (robots) is topped up with more of them to this many: they
   * share one transaction and its commit, so a burst costs less per robot.
   */
  togetherBatchSize?: number;
  /** A claim expires after this long, so a job whose worker died is taken again. */
  claimMs?: number;
  /** How many batches run at once while jobs keep coming due (the dialect's `parallelWrites` unless given). */
  lanes?: number;
}

interface ClaimedJob extends JobInfo {
  payload: string;
}

const MAX_BACKOFF_MS = 3_600_000;
const ANY_KIND = sql<SqlBool>`1 = 1`;

/**
 * Claims due jobs from the `jobs` table and runs their handlers. Any number of workers may share one
 * PostgreSQL database (claims use FOR UPDATE SKIP LOCKED); on SQLite the single writer serialises claims.
 *
 * Attempts are counted when a job is claimed, so a run that never finished because its process died counts too;
 * a job is never claimed past its maxAttempts, and one whose last attempt died with its process is failed by
 * `failAbandoned`. Quick kinds run in batches; a kind with a declared concurrency runs beside the batches. The jobs of
 * a batch whose kind runs in a Work (robots) share one transaction, each behind a savepoint, and are settled in it.
 */
export class JobWorker {
  readonly id = newId();
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly togetherBatchSize: number;
  private readonly claimMs: number;
  private readonly lanes: number;
  /** Lanes beyond the first, idle until a full batch shows that more jobs are due. */
  private readonly idleLanes: (() => void)[] = [];
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  /** Jobs of limited kinds running apart from the batches, per kind. */
  private readonly inFlight = new Map<string, Set<Promise<void>>>();
  /** How many of those have ended so far. */
  private endedApart = 0;
  private readonly kinds = new Map<string, SomeJobDefinition>();
  /** The payloads of the claimed jobs, as parsed (see `payloadOf`). */
  private readonly payloads = new WeakMap<ClaimedJob, unknown>();
  /** Kinds that declared a concurrency: each is claimed on its own. */
  private readonly limited: SomeJobDefinition[];

  constructor(
    private readonly ctx: AppContext,
    definitions: readonly SomeJobDefinition[],
    options: WorkerOptions = {},
  ) {
    for (const definition of definitions) {
      if (this.kinds.has(definition.kind)) throw new Error(`job kind "${definition.kind}" is defined twice`);
      this.kinds.set(definition.kind, definition);
    }
    this.limited = definitions.filter((d) => d.concurrency !== undefined);
    this.pollMs = options.pollMs ?? 250;
    this.batchSize = options.batchSize ?? 50;
    this.togetherBatchSize = Math.max(this.batchSize, options.togetherBatchSize ?? 200);
    this.claimMs = options.claimMs ?? 60_000;
    this.lanes = options.lanes ?? ctx.dialect.parallelWrites;
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
    await this.settled();
  }

  /** Called after a commit that enqueued work, so it starts now rather than at the next poll. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /**
   * Runs every job that is due now, limited kinds included, until none is left. Returns how many ran.
   * `except` leaves some kinds for later (the demo seeds without waiting for previews the worker makes after start).
   */
  async runDue(options: { except?: readonly string[] } = {}): Promise<number> {
    await this.failAbandoned();
    let total = 0;
    for (;;) {
      const endedBefore = this.endedApart;
      const started = await this.tick(options.except ?? []);
      total += started;
      if (started > 0) continue;
      if (this.runningCount() > 0) {
        await Promise.race([...this.inFlight.values()].flatMap((jobs) => [...jobs]));
        continue;
      }
      // A job that ended during that pass freed a slot after its kind was looked at: look once more.
      if (this.endedApart === endedBefore) return total;
    }
  }

  private async run(): Promise<void> {
    const lanes = Array.from({ length: this.lanes - 1 }, () => this.runLane());
    while (this.running) {
      try {
        if ((await this.tick()) > 0) continue;
        await this.failAbandoned();
      } catch (error) {
        this.ctx.log.error({ err: error }, "job worker: claim failed");
      }
      await this.sleep(this.pollMs);
    }
    this.wakeLanes();
    await Promise.all(lanes);
  }

  /**
   * A further lane (PostgreSQL): woken when a batch comes back full, it claims and runs batches of quick jobs beside
   * the main loop until one comes back short. Claims skip each other's jobs, as two workers' do.
   */
  private async runLane(): Promise<void> {
    while (this.running) {
      await new Promise<void>((resolve) => this.idleLanes.push(resolve));
      try {
        while (this.running && (await this.runQuickBatch()) >= this.batchSize);
      } catch (error) {
        this.ctx.log.error({ err: error }, "job worker: claim failed");
      }
    }
  }

  private wakeLanes(): void {
    for (const wake of this.idleLanes.splice(0)) wake();
  }

  /** Starts the limited kinds' jobs that have a free slot, then runs one batch of quick jobs. Returns how many began. */
  private async tick(except: readonly string[] = []): Promise<number> {
    const limited = this.limited;
    let started = 0;
    for (const kind of limited.filter((k) => !except.includes(k.kind))) {
      const free = kind.concurrency! - (this.inFlight.get(kind.kind)?.size ?? 0);
      if (free <= 0) continue;
      for (const job of await this.claim(sql<SqlBool>`kind = ${kind.kind}`, free)) {
        this.runApart(job);
        started++;
      }
    }
    return started + (await this.runQuickBatch(except));
  }

  /** Claims one batch of quick jobs and runs it; returns how many it claimed. */
  private async runQuickBatch(except: readonly string[] = []): Promise<number> {
    const apart = [...this.limited.map((k) => k.kind), ...except];
    const quick = apart.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`kind not in (${sql.join(apart)})`;
    const batch = await this.claimBatch(quick, this.batchSize);
    const runsInWork = (job: ClaimedJob) => this.kinds.get(job.kind)?.runInWork !== undefined;
    if (batch.length === this.batchSize) {
      this.wakeLanes(); // more are due: the other lanes help
      const togetherKinds = [...this.kinds.values()]
        .filter((kind) => kind.runInWork !== undefined && !apart.includes(kind.kind))
        .map((kind) => kind.kind);
      if (batch.every(runsInWork) && togetherKinds.length > 0 && this.togetherBatchSize > this.batchSize)
        batch.push(
          ...(await this.claimBatch(
            sql<SqlBool>`kind in (${sql.join(togetherKinds)})`,
            this.togetherBatchSize - this.batchSize,
          )),
        );
    }
    const together = this.inLockOrder(batch.filter(runsInWork));
    const alone = batch.filter((job) => !runsInWork(job));
    // Robots first: what they cause (an approval sheet frozen, an email) is usually claimed beside them, and its
    // history row must follow theirs, as it did when every job of a batch started in claim order.
    await this.executeTogether(together);
    if (alone.length > 0) {
      const outcomes = await Promise.all(alone.map((job) => this.execute(job)));
      await this.settleDone(alone.filter((_, i) => outcomes[i]));
    }
    return batch.length;
  }

  /** The jobs sorted by their kinds' `lockOrder` (stable: claim order among equals); a malformed payload sorts first. */
  private inLockOrder(jobs: ClaimedJob[]): ClaimedJob[] {
    const keyOf = (job: ClaimedJob): string => {
      const kind = this.kinds.get(job.kind);
      if (!kind?.lockOrder) return "";
      try {
        return kind.lockOrder(this.payloadOf(kind, job));
      } catch {
        return ""; // settled as malformed when it runs
      }
    };
    const keyed = jobs.map((job) => ({ job, key: keyOf(job) }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return keyed.map(({ job }) => job);
  }

  /** A claimed job's payload, parsed once: a batch is sorted by it, then run (and run again behind savepoints). */
  private payloadOf(kind: SomeJobDefinition, job: ClaimedJob): unknown {
    if (!this.payloads.has(job)) this.payloads.set(job, parsePayload(kind, job.payload));
    return this.payloads.get(job);
  }

  private runApart(job: ClaimedJob): void {
    const jobs = this.inFlight.get(job.kind) ?? new Set();
    this.inFlight.set(job.kind, jobs);
    const running: Promise<void> = this.execute(job)
      .then((ok) => (ok ? this.settleDone([job]) : undefined))
      .catch((error: unknown) => this.ctx.log.error({ err: error, jobId: job.id }, "job worker: cannot settle a job"))
      .finally(() => {
        jobs.delete(running);
        this.endedApart++;
        this.wake(); // a slot is free: the next job of this kind need not wait for the poll
      });
    jobs.add(running);
  }

  private runningCount(): number {
    let count = 0;
    for (const jobs of this.inFlight.values()) count += jobs.size;
    return count;
  }

  private async settled(): Promise<void> {
    while (this.runningCount() > 0) {
      await Promise.allSettled([...this.inFlight.values()].flatMap((jobs) => [...jobs]));
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

  /** A batch's claim, planned as an ordered scan of the pending jobs (the dialect's `claimPlan`). */
  private claimBatch(which: RawBuilder<SqlBool>, limit: number): Promise<ClaimedJob[]> {
    return withClaimPlan(this.ctx.db.withoutPlugins(), this.ctx.dialect, (db) => this.claim(which, limit, db));
  }

  private async claim(
    which: RawBuilder<SqlBool> = ANY_KIND,
    limit = this.batchSize,
    db: Db = this.ctx.db.withoutPlugins(),
  ): Promise<ClaimedJob[]> {
    const now = this.ctx.clock.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + this.claimMs).toISOString();
    const { rows } = await sql<ClaimedJob>`
      update jobs set locked_until = ${until}, locked_by = ${this.id}, attempts = attempts + 1
      where id in (
        select id from jobs
        where done_at is null and run_at <= ${nowIso} and (locked_until is null or locked_until < ${nowIso})
          and attempts < max_attempts and ${which}
        order by run_at, id
        limit ${limit}
        ${this.ctx.dialect.skipLocked}
      )
      returning id, kind, payload, attempts, max_attempts as "maxAttempts", run_at as "runAt"`.execute(db);
    return rows;
  }

  /**
   * Fails the jobs whose last attempt was claimed by a process that died (a crash, an out-of-memory kill) before it
   * could settle them: without this they would stay pending forever, and taking them again is what made one hostile
   * file a crash loop.
   */
  private async failAbandoned(): Promise<void> {
    const nowIso = this.ctx.clock.now().toISOString();
    const abandoned = await this.ctx.db
      .selectFrom("jobs")
      .select(["id", "attempts", "lastError"])
      .where("doneAt", "is", null)
      .where("lockedUntil", "is not", null)
      .where("lockedUntil", "<", nowIso)
      .where((eb) => eb("attempts", ">=", eb.ref("maxAttempts")))
      .limit(100)
      .execute();
    for (const job of abandoned) {
      const earlier = job.lastError ? ` (an earlier attempt: ${job.lastError})` : "";
      await this.ctx.db
        .updateTable("jobs")
        .set({
          doneAt: nowIso,
          failedAt: nowIso,
          lockedUntil: null,
          lockedBy: null,
          lastError: `gave up after ${job.attempts} attempts: the process stopped while running it${earlier}`,
        })
        .where("id", "=", job.id)
        .where("doneAt", "is", null)
        .where("lockedUntil", "<", nowIso)
        .execute();
      this.ctx.log.warn(
        { jobId: job.id, attempts: job.attempts },
        "job failed: its process stopped on the last attempt",
      );
    }
  }

  /**
   * One transaction for the jobs, their settling included: a crash before the commit leaves every effect and every
   * "done" of the batch unwritten, and the jobs are claimed again once the claim expires. It runs first without
   * savepoints (two statements, and on PostgreSQL two round trips, less per robot); when a job of it fails, or a write
   * the batch makes at its end (the jobs' history rows, in one insert) is refused, that transaction is rolled back and
   * the batch runs again with each job behind its savepoint, its history rows written behind it too, so a failure
   * undoes only its own job. When that transaction fails as well (a lost connection, a failed commit), each job runs on
   * its own.
   */
  private async executeTogether(jobs: ClaimedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    try {
      try {
        await this.executeInOneTransaction(jobs, true);
      } catch {
        await this.executeInOneTransaction(jobs, false);
      }
    } catch (error) {
      this.ctx.log.warn(
        { err: error, jobs: jobs.length },
        "job worker: a batch's transaction failed; its jobs run alone",
      );
      for (const job of jobs) if (await this.execute(job)) await this.settleDone([job]);
    }
  }

  private executeInOneTransaction(jobs: ClaimedJob[], optimistic: boolean): Promise<void> {
    return inTransaction(this.ctx, async (work) => {
      const batch = { ...work, optimistic };
      const done: ClaimedJob[] = [];
      for (const job of jobs) if (await this.execute(job, batch)) done.push(job);
      await this.settleDone(done, work.trx);
    });
  }

  /**
   * Runs one job; true when it succeeded (settled by the caller), false when it failed (settled here). Given the
   * batch's Work, a kind that runs in a Work joins it, and a failure is settled in it too.
   */
  private async execute(job: ClaimedJob, batch?: Work): Promise<boolean> {
    const kind = this.kinds.get(job.kind);
    // In a batch, counted once it commits: a batch may be rolled back and run again.
    const record = (count: () => void) => (batch ? batch.afterCommit(count) : count());
    const startDelayMs = this.ctx.clock.now().getTime() - Date.parse(job.runAt);
    record(() => metrics.jobStartDelay.observe({ kind: job.kind }, Math.max(0, startDelayMs) / 1000));
    try {
      // No retry can help a kind this build does not know or a payload not of its shape: fail at once, with why.
      if (!kind) throw new JobGaveUp(`no handler for job kind "${job.kind}"`);
      const payload = this.payloadOf(kind, job);
      if (kind.runInWork) {
        // In a batch it joins the batch's Work as it is: a kind that runs in a Work undoes its own work when it throws.
        const run = (work: Work) => kind.runInWork(this.ctx, work, payload, job);
        await (batch ? run(batch) : inTransaction(this.ctx, run));
      } else await kind.run(this.ctx, payload, job);
      record(() => metrics.jobsRun.inc({ kind: job.kind, outcome: "success" }));
      return true;
    } catch (error) {
      if (error instanceof BatchRunAgain) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const gaveUp = error instanceof JobGaveUp;
      const dead = gaveUp || job.attempts >= job.maxAttempts;
      record(() => metrics.jobsRun.inc({ kind: job.kind, outcome: dead ? "dead" : "retry" }));
      this.ctx.log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, dead, err: error }, "job failed");
      const now = this.ctx.clock.now().getTime();
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(job.attempts, 20));
      const nowIso = new Date(now).toISOString();
      await this.finish(
        job,
        {
          doneAt: dead ? nowIso : null,
          failedAt: dead ? nowIso : null,
          runAt: dead ? undefined : new Date(now + backoff).toISOString(),
          lastError: gaveUp || !dead ? message : `gave up after ${job.attempts} attempts: ${message}`,
        },
        batch?.trx,
      );
      return false;
    }
  }

  /**
   * Marks the batch's succeeded jobs done in one statement: on SQLite a commit per job cost as much as a robot's
   * own work. Outside the jobs' transaction, a crash before this line re-runs them after their claim expires, as a
   * crash after the handler always could; handlers are idempotent.
   */
  private async settleDone(jobs: ClaimedJob[], db: Db = this.ctx.db): Promise<void> {
    if (jobs.length === 0) return;
    await db
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
  private async finish(
    job: ClaimedJob,
    patch: { doneAt: string | null; failedAt: string | null; runAt?: string; lastError: string | null },
    db: Db = this.ctx.db,
  ) {
    await db
      .updateTable("jobs")
      .set({ ...patch, lockedUntil: null, lockedBy: null })
      .where("id", "=", job.id)
      .where("lockedBy", "=", this.id)
      .execute();
  }
}

function parsePayload(kind: SomeJobDefinition, stored: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch (error) {
    throw new JobGaveUp(`malformed payload: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = kind.payload.safeParse(json);
  if (!parsed.success)
    throw new JobGaveUp(`malformed payload: ${z.prettifyError(parsed.error).replace(/\n\s*/g, " ")}`);
  return parsed.data;
}
