import type { FastifyBaseLogger } from "fastify";
import type { Role } from "@docket/common";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import type { Dialect } from "./db/dialect.js";
import type { Clock } from "./lib/clock.js";

/** What every service needs; built once per process (tests build one per app). */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  log: FastifyBaseLogger;
  /** Call after committing a change that enqueued jobs; the in-process worker (if any) starts at once. */
  wakeWorker(): void;
}

/** The signed-in person a use case runs for. */
export interface Actor {
  id: string;
  role: Role;
  name: string;
}

export const isAdmin = (actor: Actor) => actor.role === "admin";
export const nowIso = (ctx: Pick<AppContext, "clock">) => ctx.clock.now().toISOString();
