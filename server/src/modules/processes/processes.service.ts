import type { CreateProcessBody, Process, ProcessVersion, Robot, Stage, UpdateProcessBody } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { conflict, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { namePage, type Page } from "../../lib/pagination.js";
import { inTransaction, inWork, type Trx, type Work } from "../../db/work.js";
import * as repo from "./processes.repository.js";

/**
 * Automation tells processes what removing stages means for robots: it may refuse (a message → 409) and it cleans
 * up inside the same transaction. A hook (ctx.hooks), so processes need not know about robots.
 */
export interface StageRemovalHook {
  refuse(trx: Trx, processId: string, removed: string[]): Promise<string | null>;
  removed(trx: Trx, processId: string, removed: string[]): Promise<void>;
}

/**
 * Automation gives processes the robots of a process as they are now (a version holds stages and robots) and
 * presents a version's robot rows. A hook (ctx.hooks), so processes need not know the robots table.
 */
export interface VersionRobots {
  snapshot(trx: Trx, processId: string): Promise<unknown[]>;
  present(rows: unknown[]): Robot[];
}

/**
 * Writes the process's stages and robots as they are now as its next version, in the caller's transaction: every
 * change of stages or robots calls this. Items keep the version they started under.
 */
export async function recordProcessVersion(
  ctx: Pick<AppContext, "hooks">,
  work: Work,
  processId: string,
  actorId: string | null,
): Promise<number> {
  const { trx, at } = work;
  // Incremented in place, so two admins changing one process at once get consecutive versions, not one twice.
  await repo.bumpVersion(trx, processId, at);
  const row = (await repo.findProcess(trx, processId))!;
  await repo.insertProcessVersion(trx, {
    id: newId(new Date(at).getTime()),
    processId,
    version: row.version,
    stages: row.stages,
    robots: JSON.stringify(await ctx.hooks.versionRobots.snapshot(trx, processId)),
    createdBy: actorId,
    createdAt: at,
  });
  return row.version;
}

/** The robot rows of a process version (null when it has no snapshot: the live robots apply). */
export async function robotRowsOfVersion(db: Db, processId: string, version: number): Promise<unknown[] | null> {
  const row = await repo.findProcessVersion(db, processId, version);
  return row ? (JSON.parse(row.robots) as unknown[]) : null;
}

/** The robots of a process version as presented (empty when the version has no snapshot). */
export async function robotsOfVersion(
  ctx: Pick<AppContext, "db" | "hooks">,
  processId: string,
  version: number,
): Promise<Robot[]> {
  const rows = await robotRowsOfVersion(ctx.db, processId, version);
  return rows ? ctx.hooks.versionRobots.present(rows) : [];
}

export async function getProcessAt(ctx: AppContext, id: string, version: number | undefined): Promise<Process> {
  const process = await requireProcess(ctx.db, id);
  if (version === undefined || version === process.version) return presentProcess(process);
  const old = await repo.findProcessVersion(ctx.db, id, version);
  if (!old) throw notFound(`Process version ${version} not found`);
  return presentProcess({ ...process, version, stages: JSON.parse(old.stages) as Stage[] });
}

/** `GET /api/processes/:id/versions`: newest first, each with its stages, robots and how many items run under it. */
export async function listProcessVersions(
  ctx: AppContext,
  id: string,
): Promise<{ items: ProcessVersion[]; nextCursor: null }> {
  await requireProcess(ctx.db, id);
  const rows = await repo.versionsOf(ctx.db, id);
  const counts = await repo.itemCountsByVersion(ctx.db, id);
  return {
    items: rows.map((r) => ({
      version: r.version,
      createdAt: r.createdAt,
      createdBy: r.createdBy ? { id: r.createdBy, name: r.createdByName ?? "" } : null,
      stages: JSON.parse(r.stages) as Stage[],
      robots: ctx.hooks.versionRobots.present(JSON.parse(r.robots) as unknown[]),
      items: counts.get(r.version) ?? 0,
    })),
    nextCursor: null,
  };
}

export interface LoadedProcess {
  id: string;
  code: string;
  name: string;
  access: "all" | "participants";
  stages: Stage[];
  version: number;
  createdAt: string;
}

export const loadProcess = (row: repo.ProcessRow): LoadedProcess => ({
  id: row.id,
  code: row.code,
  name: row.name,
  access: row.access,
  stages: JSON.parse(row.stages) as Stage[],
  version: row.version,
  createdAt: row.createdAt,
});

export const presentProcess = (p: LoadedProcess): Process => ({ ...p });

/** The process with the stages of `version` (the latest when that version is the current one). */
export async function requireProcessVersion(db: Db, id: string, version: number): Promise<LoadedProcess> {
  const process = await requireProcess(db, id);
  if (version === process.version) return process;
  const old = await repo.findProcessVersion(db, id, version);
  return old ? { ...process, version, stages: JSON.parse(old.stages) as Stage[] } : process;
}

export async function requireProcess(db: Db, id: string): Promise<LoadedProcess> {
  const row = await repo.findProcess(db, id);
  if (!row) throw notFound("Process not found");
  return loadProcess(row);
}

export const stageOf = (process: LoadedProcess, code: string): Stage | undefined =>
  process.stages.find((s) => s.code === code);

export async function listProcesses(
  ctx: AppContext,
  query: { limit: number; cursor?: string },
): Promise<Page<Process>> {
  const page = await namePage(query, (bounds) => repo.listProcesses(ctx.db, bounds));
  return { items: page.items.map((r) => presentProcess(loadProcess(r))), nextCursor: page.nextCursor };
}

export async function getProcess(ctx: AppContext, id: string): Promise<Process> {
  return presentProcess(await requireProcess(ctx.db, id));
}

async function assertCodeFree(db: Db, code: string, exceptId?: string): Promise<void> {
  const holder = await repo.findProcessByCode(db, code);
  if (holder && holder.id !== exceptId)
    throw conflict(`A process with code "${code}" already exists`, {
      code: "code_taken",
      params: { code },
      field: "code",
    });
}

export async function createProcess(
  ctx: AppContext,
  actor: Actor,
  input: CreateProcessBody,
  work?: Work,
): Promise<Process> {
  const row = await inWork(ctx, work, async ({ trx, at, audit }) => {
    await assertCodeFree(trx, input.code);
    const row: repo.ProcessRow = {
      id: newId(),
      code: input.code,
      name: input.name,
      access: input.access,
      stages: JSON.stringify(input.stages),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await repo.insertProcess(trx, row);
    await repo.insertProcessVersion(trx, {
      id: newId(new Date(at).getTime()),
      processId: row.id,
      version: 1,
      stages: row.stages,
      robots: "[]",
      createdBy: actor.id,
      createdAt: at,
    });
    await audit({
      actorId: actor.id,
      entityType: "process",
      entityId: row.id,
      action: "process.created",
      details: { code: row.code, name: row.name },
    });
    return row;
  });
  return presentProcess(loadProcess(row));
}

/**
 * Stages are replaced as a whole list. A removed stage must hold no items (409) and no robot elsewhere may move
 * items into it (409); robots that sat on a removed stage go with it.
 */
export async function updateProcess(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateProcessBody,
): Promise<Process> {
  const existing = await requireProcess(ctx.db, id);
  if (input.code !== undefined) await assertCodeFree(ctx.db, input.code, id);
  const kept = new Set((input.stages ?? existing.stages).map((s) => s.code));
  const removed = existing.stages.map((s) => s.code).filter((code) => !kept.has(code));
  const stagesChanged = input.stages !== undefined && JSON.stringify(input.stages) !== JSON.stringify(existing.stages);
  await inTransaction(ctx, async (work) => {
    const { trx, at, audit } = work;
    const holding = await repo.stagesHoldingItems(trx, id, removed);
    if (holding.length > 0)
      throw conflict(`Stage(s) ${holding.join(", ")} still hold items; move them first`, {
        code: "stages_hold_items",
        params: { stages: holding.join(", ") },
      });
    for (const hook of ctx.hooks.stageRemoval) {
      const refusal = await hook.refuse(trx, id, removed);
      if (refusal) throw conflict(refusal, { code: "stage_targeted_by_robots" });
    }
    for (const hook of ctx.hooks.stageRemoval) await hook.removed(trx, id, removed);
    await repo.updateProcessRow(trx, id, {
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.access !== undefined && { access: input.access }),
      ...(input.stages !== undefined && { stages: JSON.stringify(input.stages) }),
      updatedAt: at,
    });
    const version = stagesChanged ? await recordProcessVersion(ctx, work, id, actor.id) : undefined;
    await audit({
      actorId: actor.id,
      entityType: "process",
      entityId: id,
      action: "process.updated",
      details: { changed: Object.keys(input), removedStages: removed, ...(version && { version }) },
    });
  });
  return getProcess(ctx, id);
}
