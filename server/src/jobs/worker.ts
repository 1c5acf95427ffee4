import { sql, type SqlBool, type RawBuilder, type UpdateQueryBuilder, type UpdateResult } from "kysely";
import { z } from "zod";
import type { AppContext } from "../context.js";
import type { Db } from "../db/database.js";
import type { Database } from "../db/schema.js";
import { BatchRunAgain, inOptimisticBatch, inTransaction, type Work } from "../db/work.js";
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
  /** How many batches run at once while jobs keep coming due (DOCKET_WORKER_LANES, else the dialect's `parallelWrites`). */
  lanes?: number;
}

interface ClaimedJob extends JobInfo {
  payload: string;
  /** Claimed by a row lock of the transaction that runs it (`lockDue`), not by a claim written to the row. */
  held?: boolean;
}

const MAX_BACKOFF_MS = 3_600_000;
const ANY_KIND = sql<SqlBool>`1 = 1`;
const kindIn = (kinds: string[]) => sql<SqlBool>`kind in (${sql.join(kinds)})`;

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
    // SQLite has one writer: a second lane would only wait for it.
    this.lanes =
      options.lanes ??
      (ctx.dialect.parallelWrites > 1 ? ctx.config.workerLanes : undefined) ??
      ctx.dialect.parallelWrites;
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
    const quick = apart.length === 0 ? ANY_KIND : sql<SqlBool>`kind not in (${sql.join(apart)})`;
    const togetherKinds = [...this.kinds.values()]
      .filter((kind) => kind.runInWork !== undefined && !apart.includes(kind.kind))
      .map((kind) => kind.kind);
    if (this.ctx.dialect.selectForUpdate) return this.runHeldBatch(quick, togetherKinds);
    const batch = await this.claim(quick, this.batchSize);
    if (batch.length === this.batchSize) {
      this.wakeLanes(); // more are due: the other lanes help
      if (batch.every(this.runsInWork) && this.topsUp(togetherKinds))
        batch.push(...(await this.claim(kindIn(togetherKinds), this.togetherBatchSize - this.batchSize)));
    }
    await this.runClaimed(batch);
    return batch.length;
  }

  private readonly runsInWork = (job: ClaimedJob) => this.kinds.get(job.kind)?.runInWork !== undefined;

  /** Whether a full batch of jobs run in a Work is topped up with more of them. */
  private topsUp(togetherKinds: string[]): boolean {
    return togetherKinds.length > 0 && this.togetherBatchSize > this.batchSize;
  }

  /** Runs claimed jobs: those run in a Work in one transaction, then the others side by side. */
  private async runClaimed(batch: ClaimedJob[]): Promise<void> {
    // Robots first: what they cause (an approval sheet frozen, an email) is usually claimed beside them, and its
    // history row must follow theirs, as it did when every job of a batch started in claim order.
    await this.executeTogether(this.inLockOrder(batch.filter(this.runsInWork)));
    await this.executeAlone(batch.filter((job) => !this.runsInWork(job)));
  }

  private async executeAlone(jobs: ClaimedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const outcomes = await Promise.all(jobs.map((job) => this.execute(job)));
    await this.settleDone(jobs.filter((_, i) => outcomes[i]));
  }

  /**
   * A batch on PostgreSQL: the jobs run in a Work (robots) are claimed by locking their rows (FOR UPDATE SKIP LOCKED)
   * in the transaction that runs them, and settled in it. No claim is written to expire later: each robot's job row is
   * written once, when it is settled, where a claim wrote it twice (each time with an entry in five indexes). A crash or
   * a failed transaction releases the locks and leaves the jobs as they were, due again at once; the attempt is counted
   * as the batch commits, so a robot that kills its process every time is taken again every time (robots only write
   * rows; the jobs that parse files run apart, claimed). The batch's other jobs (webhooks, e-mails) run after the
   * commit, outside it, so they are claimed in it as the other path claims them.
   */
  private async runHeldBatch(quick: RawBuilder<SqlBool>, togetherKinds: string[]): Promise<number> {
    let together: ClaimedJob[] = [];
    let alone: ClaimedJob[] = [];
    // A Work wakes the worker when it commits, for the jobs it enqueued: an idle poll that found nothing must not.
    const wakeWorker = () => together.length + alone.length > 0 && this.ctx.wakeWorker();
    try {
      await inTransaction({ ...this.ctx, wakeWorker }, async (work) => {
        await this.ctx.dialect.claimPlan?.execute(work.trx);
        const batch = await this.lockDue(work.trx, quick, this.batchSize);
        together = batch.filter(this.runsInWork);
        alone = batch.filter((job) => !this.runsInWork(job));
        if (batch.length === this.batchSize) {
          this.wakeLanes(); // more are due: the other lanes help
          // Its own locks do not make a transaction skip a row: the first claim's jobs are left out by id.
          if (alone.length === 0 && this.topsUp(togetherKinds))
            together.push(
              ...(await this.lockDue(
                work.trx,
                sql<SqlBool>`${kindIn(togetherKinds)} and id not in (${sql.join(batch.map((job) => job.id))})`,
                this.togetherBatchSize - this.batchSize,
              )),
            );
        }
        if (alone.length > 0) await this.claimLocked(work.trx, alone);
        const done = await this.runBatch(this.inLockOrder(together), work);
        await this.settleDone(done, work.trx);
      });
    } catch (error) {
      // Nothing of it committed, the claims of its other jobs included: they are claimed again the other way, which
      // counts each attempt as it claims and runs each job alone when a batch's transaction fails again.
      this.ctx.log.warn({ err: error, jobs: together.length + alone.length }, "job worker: a held batch failed");
      const ids = [...together, ...alone].map((job) => job.id);
      if (ids.length > 0) await this.runClaimed(await this.claim(sql<SqlBool>`id in (${sql.join(ids)})`, ids.length));
      return ids.length;
    }
    await this.executeAlone(alone);
    return together.length + alone.length;
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

  private async claim(which: RawBuilder<SqlBool> = ANY_KIND, limit = this.batchSize): Promise<ClaimedJob[]> {
    const now = this.ctx.clock.now();
    const until = new Date(now.getTime() + this.claimMs).toISOString();
    const { rows } = await sql<ClaimedJob>`
      update jobs set locked_until = ${until}, locked_by = ${this.id}, attempts = attempts + 1
      where id in (select id ${this.dueOldestFirst(now, which, limit)})
      returning id, kind, payload, attempts, max_attempts as "maxAttempts", run_at as "runAt"`.execute(
      this.ctx.db.withoutPlugins(),
    );
    return rows;
  }

  /**
   * Locks up to `limit` due jobs for the caller's transaction (PostgreSQL), skipping those other transactions hold.
   * Their attempt is counted when they are settled; `attempts` here already includes it, as a claim's does.
   */
  private async lockDue(trx: Db, which: RawBuilder<SqlBool>, limit: number): Promise<ClaimedJob[]> {
    const { rows } = await sql<ClaimedJob>`
      select id, kind, payload, attempts + 1 as attempts, max_attempts as "maxAttempts", run_at as "runAt"
      ${this.dueOldestFirst(this.ctx.clock.now(), which, limit)}`.execute(trx);
    for (const job of rows) job.held = true;
    return rows;
  }

  /** The due jobs `which` selects that a claim may take, oldest first, skipping rows other transactions hold. */
  private dueOldestFirst(now: Date, which: RawBuilder<SqlBool>, limit: number) {
    const nowIso = now.toISOString();
    return sql`from jobs
      where done_at is null and run_at <= ${nowIso} and (locked_until is null or locked_until < ${nowIso})
        and attempts < max_attempts and ${which}
      order by run_at, id
      limit ${limit}
      ${this.ctx.dialect.skipLocked}`;
  }

  /** Claims jobs the transaction has locked, to run after it commits, outside it. */
  private async claimLocked(trx: Db, jobs: ClaimedJob[]): Promise<void> {
    const until = new Date(this.ctx.clock.now().getTime() + this.claimMs).toISOString();
    await trx
      .updateTable("jobs")
      .set((eb) => ({ lockedUntil: until, lockedBy: this.id, attempts: eb("attempts", "+", 1) }))
      .where(
        "id",
        "in",
        jobs.map((job) => job.id),
      )
      .execute();
    for (const job of jobs) job.held = false;
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
   * savepoints, then, when a job of it fails, with each job behind its savepoint (`inOptimisticBatch`). When that
   * transaction fails (a lost connection, a failed commit), each job runs on its own.
   */
  private async executeTogether(jobs: ClaimedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    try {
      await inTransaction(this.ctx, async (work) => {
        const done = await this.runBatch(jobs, work);
        await this.settleDone(done, work.trx);
      });
    } catch (error) {
      this.ctx.log.warn(
        { err: error, jobs: jobs.length },
        "job worker: a batch's transaction failed; its jobs run alone",
      );
      for (const job of jobs) if (await this.execute(job)) await this.settleDone([job]);
    }
  }

  /** Runs the jobs in the batch's Work (`inOptimisticBatch`); returns those that succeeded, to be settled by the caller. */
  private runBatch(jobs: ClaimedJob[], work: Work): Promise<ClaimedJob[]> {
    if (jobs.length === 0) return Promise.resolve([]);
    return inOptimisticBatch(work, async (batch) => {
      const done: ClaimedJob[] = [];
      for (const job of jobs) if (await this.execute(job, batch)) done.push(job);
      return done;
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
   * crash after the handler always could; handlers are idempotent. The jobs are those of one claim, all held or none.
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
      .$call((update) => this.byItsHolder(update, jobs[0]!))
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
      .$call((update) => this.byItsHolder(update, job))
      .execute();
  }

  /**
   * A claimed job is settled only while the claim is this worker's; a held one is locked by the settling transaction,
   * and its attempt is counted as it is settled.
   */
  private byItsHolder<U extends UpdateQueryBuilder<Database, "jobs", "jobs", UpdateResult>>(
    update: U,
    job: ClaimedJob,
  ) {
    return job.held
      ? update.set((eb) => ({ attempts: eb("attempts", "+", 1) }))
      : update.where("lockedBy", "=", this.id);
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
