import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { createDatabase, type DatabaseHandle } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { JobWorker, type WorkerOptions } from "./jobs/worker.js";
import { watchDatabase } from "./metrics/metrics.js";
import { systemClock, type Clock } from "./lib/clock.js";
import { scheduleHousekeeping } from "./composition/housekeeping.js";
import { jobDefinitions, moduleHooks } from "./composition/root.js";
import type { SomeJobDefinition } from "./jobs/definition.js";
import { scheduleNextDigest } from "./modules/notifications/index.js";
import { webhookSecret } from "./modules/automation/index.js";
import { scheduleIntakePoll } from "./modules/intake/index.js";
import { provisionIfNeeded } from "./provisioning/provision.js";
import { countUsers, createUser } from "./modules/users/index.js";

export interface Runtime {
  ctx: AppContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the database, brings the schema up to date and creates the first admin from the environment. */
export async function openRuntime(
  config: Config,
  log: FastifyBaseLogger,
  clock: Clock = systemClock,
): Promise<Runtime> {
  const handle = await createDatabase(config.databaseUrl);
  const applied = await migrateToLatest(handle);
  if (applied.length > 0) log.info({ migrations: applied }, "database migrated");
  const ctx: AppContext = {
    db: handle.db,
    dialect: handle.dialect,
    clock,
    config,
    log,
    hooks: moduleHooks,
    wakeWorker: () => {},
  };
  await ensureFirstAdmin(ctx);
  await webhookSecret(ctx); // generated on the first start, so it exists before the first delivery
  await provisionIfNeeded(ctx);
  await scheduleNextDigest(ctx);
  await scheduleIntakePoll(ctx);
  log.info(
    ctx.config.imap ? { mailbox: `${ctx.config.imap.host}:${ctx.config.imap.port}/${ctx.config.imap.mailbox}` } : {},
    ctx.config.imap ? "email intake on" : "email intake off (DOCKET_IMAP_URL is not set)",
  );
  const unwatch = watchDatabase({ ctx, pgPool: handle.pgPool });
  return {
    ctx,
    handle,
    close: () => {
      unwatch();
      return handle.close();
    },
  };
}

async function ensureFirstAdmin(ctx: AppContext): Promise<void> {
  const { adminEmail, adminPassword } = ctx.config;
  if (!adminEmail || !adminPassword) return;
  if ((await countUsers(ctx)) > 0) return;
  try {
    await createUser(ctx, null, { email: adminEmail, password: adminPassword, name: "Administrator", role: "admin" });
    ctx.log.info({ email: adminEmail }, "first administrator created from DOCKET_ADMIN_EMAIL");
  } catch (error) {
    // Another process starting at the same moment created it first.
    if ((await countUsers(ctx)) === 0) throw error;
  }
}

/** Starts working jobs, housekeeping among them (tests run due jobs by hand and schedule housekeeping themselves). */
export async function startWorker(ctx: AppContext, worker: JobWorker): Promise<void> {
  await scheduleHousekeeping(ctx);
  worker.start();
}

/**
 * Creates the job worker for this process, running every kind of the composition root (tests add kinds of their own),
 * and routes `ctx.wakeWorker()` to it; the caller decides whether to start it.
 */
export function attachWorker(
  ctx: AppContext,
  options: WorkerOptions & { extraJobs?: readonly SomeJobDefinition[] } = {},
): JobWorker {
  const worker = new JobWorker(ctx, [...jobDefinitions, ...(options.extraJobs ?? [])], options);
  ctx.wakeWorker = () => worker.wake();
  return worker;
}
