import type { FastifyBaseLogger } from "fastify";
import type { Role } from "@docket/common";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import type { Dialect } from "./db/dialect.js";
import type { Clock } from "./lib/clock.js";
import type { CompanyUsage } from "./modules/crm/index.js";
import type { DocumentParticipantsFilter, ItemLinkCheck } from "./modules/documents/index.js";
import type { StageEntryHook, StageRemovalHook, VersionRobots } from "./modules/processes/index.js";
import type { TemplateUsage } from "./modules/templates/index.js";

/**
 * How a module takes part in another's use case without importing it: the module that runs the use case declares
 * the hook's type, and the composition root (composition/root.ts) says which modules fill it.
 */
export interface ModuleHooks {
  /** In the transaction that moves an item: approvals cancels the old entry's requests, automation queues robots. */
  stageEntry: readonly StageEntryHook[];
  /** When stages are removed from a process: automation may refuse (409) and drops those stages' robots. */
  stageRemoval: readonly StageRemovalHook[];
  /** A process version's robots, which automation owns: snapshotted with the version and presented from it. */
  versionRobots: VersionRobots;
  /** What else refers to a company (process items, documents): a company in use is not deleted (409). */
  companyUsage: readonly CompanyUsage[];
  /** Robots that generate from a template: a template in use is not archived (409). */
  templateUsage: readonly TemplateUsage[];
  /** Whether a document may be linked to a process item by this actor (processes decides). */
  itemLinkCheck: ItemLinkCheck;
  /** Who else is a document's participant besides its creator and responsible (processes: its items' people). */
  documentParticipants: readonly DocumentParticipantsFilter[];
}

/** What every service needs; built once per process (tests build one per app). */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  log: FastifyBaseLogger;
  hooks: ModuleHooks;
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
