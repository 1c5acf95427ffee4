#!/usr/bin/env node
import { parseArgs } from "node:util";
import pino from "pino";
import { buildApp } from "./app.js";
import { openRuntime, type Runtime } from "./bootstrap.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { createUser } from "./modules/users/users.service.js";

const USAGE = `Usage: docket <command>

Commands:
  serve [--no-worker]          migrate and serve the web UI and API on $PORT (default)
  migrate                      bring the database schema up to date
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
      return serve(config, log);
    case "migrate": {
      const handle = createDatabase(config.databaseUrl);
      const applied = await migrateToLatest(handle);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "schema is up to date");
      await handle.close();
      return 0;
    }
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

async function serve(config: Config, log: pino.Logger): Promise<number> {
  const runtime: Runtime = await openRuntime(config, log);
  const app = await buildApp(runtime.ctx, { logger: log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  await app.listen({ port: config.port, host: config.host });
  return -1; // keep running
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
