import type { CreateProcessBody, Process, Stage, UpdateProcessBody } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { conflict, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { inTransaction, inWork, type Trx, type Work } from "../../db/work.js";
import * as repo from "./processes.repository.js";

/**
 * Automation tells processes what removing stages means for robots: it may refuse (a message → 409) and it cleans
 * up inside the same transaction. A hook, so processes need not know about robots.
 */
export interface StageRemovalHook {
  refuse(trx: Trx, processId: string, removed: string[]): Promise<string | null>;
  removed(trx: Trx, processId: string, removed: string[]): Promise<void>;
}
const stageRemovalHooks: StageRemovalHook[] = [];
export function registerStageRemovalHook(hook: StageRemovalHook): void {
  stageRemovalHooks.push(hook);
}

export interface LoadedProcess {
  id: string;
  code: string;
  name: string;
  access: "all" | "participants";
  stages: Stage[];
  createdAt: string;
}

export const loadProcess = (row: repo.ProcessRow): LoadedProcess => ({
  id: row.id,
  code: row.code,
  name: row.name,
  access: row.access,
  stages: JSON.parse(row.stages) as Stage[],
  createdAt: row.createdAt,
});

export const presentProcess = (p: LoadedProcess): Process => ({ ...p });

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
  const cursor = decodeCursor(query.cursor);
  const rows = await repo.listProcesses(ctx.db, {
    limit: query.limit,
    after: cursor ? { name: String(cursor.key), id: cursor.id } : undefined,
  });
  const page = toPage(rows, query.limit, (r) => ({ key: r.name, id: r.id }));
  return { items: page.items.map((r) => presentProcess(loadProcess(r))), nextCursor: page.nextCursor };
}

export async function getProcess(ctx: AppContext, id: string): Promise<Process> {
  return presentProcess(await requireProcess(ctx.db, id));
}

async function assertCodeFree(db: Db, code: string, exceptId?: string): Promise<void> {
  const holder = await repo.findProcessByCode(db, code);
  if (holder && holder.id !== exceptId) throw conflict(`A process with code "${code}" already exists`);
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
      createdAt: at,
      updatedAt: at,
    };
    await repo.insertProcess(trx, row);
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
  await inTransaction(ctx, async ({ trx, at, audit }) => {
    const holding = await repo.stagesHoldingItems(trx, id, removed);
    if (holding.length > 0) throw conflict(`Stage(s) ${holding.join(", ")} still hold items; move them first`);
    for (const hook of stageRemovalHooks) {
      const refusal = await hook.refuse(trx, id, removed);
      if (refusal) throw conflict(refusal);
    }
    for (const hook of stageRemovalHooks) await hook.removed(trx, id, removed);
    await repo.updateProcessRow(trx, id, {
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.access !== undefined && { access: input.access }),
      ...(input.stages !== undefined && { stages: JSON.stringify(input.stages) }),
      updatedAt: at,
    });
    await audit({
      actorId: actor.id,
      entityType: "process",
      entityId: id,
      action: "process.updated",
      details: { changed: Object.keys(input), removedStages: removed },
    });
  });
  return getProcess(ctx, id);
}
