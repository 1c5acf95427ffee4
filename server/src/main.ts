#!/usr/bin/env node
import { parseArgs } from "node:util";
import pino from "pino";
import { buildApp } from "./app.js";
import { attachWorker, openRuntime, startWorker, type Runtime } from "./bootstrap.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { createUser } from "./modules/users/users.service.js";

const USAGE = `Usage: docket <command>

Commands:
  serve [--no-worker]          migrate and serve the web UI and API on $PORT (default)
  worker                       run only the job worker (robots, reminders, email, text extraction)
  migrate                      bring the database schema up to date
  backup FILE                  consistent online backup of the database and the files (while the server runs)
  restore FILE                 restore a backup into an empty installation
  gc [--dry-run] [--grace-minutes N]
                               remove stored files no document uses (and temp files left by a crash)
  user add --email E --name N --password P [--admin]
                               add a user
`;

async function main(argv: string[]): Promise<number> {
  const [command = "serve", ...rest] = argv;
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const log = pino({ level: config.logLevel });

  switch (command) {
    case "serve":
      return serve(config, log, { worker: !rest.includes("--no-worker") });
    case "worker":
      return workerOnly(config, log);
    case "migrate": {
      const handle = await createDatabase(config.databaseUrl);
      const applied = await migrateToLatest(handle);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "schema is up to date");
      await handle.close();
      return 0;
    }
    case "backup":
    case "restore":
      return backupCommand(config, command, rest[0]);
    case "gc":
      return gcCommand(config, rest);
    case "user":
      return userCommand(config, log, rest);
    case "help":
    case "--help":
      console.log(USAGE);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

async function serve(config: Config, log: pino.Logger, options: { worker: boolean }): Promise<number> {
  const runtime: Runtime = await openRuntime(config, log);
  const app = await buildApp(runtime.ctx, { logger: log });
  const worker = options.worker ? attachWorker(runtime.ctx) : null;
  onStopSignal(log, async () => {
    await app.close(); // stops accepting, finishes requests in flight
    await worker?.stop(); // finishes the jobs in hand; unfinished claims expire and are retried elsewhere
    await runtime.close();
  });
  await app.listen({ port: config.port, host: config.host });
  if (worker) await startWorker(runtime.ctx, worker);
  return -1; // keep running
}

async function workerOnly(config: Config, log: pino.Logger): Promise<number> {
  const runtime = await openRuntime(config, log);
  const worker = attachWorker(runtime.ctx);
  onStopSignal(log, async () => {
    await worker.stop();
    await runtime.close();
  });
  await startWorker(runtime.ctx, worker);
  log.info("worker started");
  return -1;
}

function onStopSignal(log: pino.Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function backupCommand(config: Config, command: "backup" | "restore", file: string | undefined): Promise<number> {
  if (!file) {
    console.error(`Usage: docket ${command} FILE`);
    return 2;
  }
  // Backup and restore (tar among them) are loaded by their commands only, so a serving process does not hold them.
  const [{ createBackup }, { RestoreError, restoreBackup }, { rebuildSearchIndex }] = await Promise.all([
    import("./backup/backup.js"),
    import("./backup/restore.js"),
    import("./backup/reindex.js"),
  ]);
  const handle = await createDatabase(config.databaseUrl);
  try {
    if (command === "backup") {
      const manifest = await createBackup(handle, config.blobDir, file);
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      console.log(
        `backup written to ${file}: ${rows} rows in ${manifest.tables.length} tables, ${manifest.blobs} files`,
      );
    } else {
      const manifest = await restoreBackup(handle, config.blobDir, file);
      const runtime = await openRuntime({ ...config, provision: false }, pino({ level: "warn" }));
      const indexed = await rebuildSearchIndex(runtime.ctx);
      await runtime.close();
      console.log(
        `restored ${file} (made ${manifest.createdAt} by Docket ${manifest.docketVersion}); ${indexed} documents indexed for search`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof RestoreError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

async function gcCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { "dry-run": { type: "boolean", default: false }, "grace-minutes": { type: "string", default: "60" } },
  });
  const graceMinutes = Number(values["grace-minutes"]);
  if (!Number.isFinite(graceMinutes) || graceMinutes < 0) {
    console.error("--grace-minutes must be a number of minutes ≥ 0");
    return 2;
  }
  const { collectGarbage } = await import("./blobs/gc.js");
  const handle = await createDatabase(config.databaseUrl);
  try {
    const result = await collectGarbage(handle.db, config.blobDir, {
      graceMs: graceMinutes * 60_000,
      dryRun: values["dry-run"],
    });
    const verb = values["dry-run"] ? "would remove" : "removed";
    console.log(
      `${verb} ${result.removed} unused files (${(result.bytesFreed / 2 ** 20).toFixed(1)} MiB) and ${result.tempRemoved} temporary files; kept ${result.kept}`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

async function userCommand(config: Config, log: pino.Logger, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      admin: { type: "boolean", default: false },
    },
  });
  if (positionals[0] !== "add" || !values.email || !values.password) {
    console.error("Usage: docket user add --email E --name N --password P [--admin]");
    return 2;
  }
  const runtime = await openRuntime({ ...config, adminEmail: undefined, adminPassword: undefined }, log);
  try {
    const user = await createUser(runtime.ctx, null, {
      email: values.email.trim().toLowerCase(),
      name: values.name ?? values.email,
      password: values.password,
      role: values.admin ? "admin" : "user",
    });
    console.log(`created ${user.role} ${user.email} (${user.id})`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
