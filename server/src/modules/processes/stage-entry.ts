import type { Stage } from "@docket/common";
import type { AppContext } from "../../context.js";
import { conflict } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { Work } from "../../db/work.js";
import * as repo from "./items.repository.js";
import type { LoadedProcess } from "./processes.service.js";

export interface StageEntered {
  process: LoadedProcess;
  item: repo.ItemRow; // already in the new stage
  stage: Stage;
  stageEntryId: string;
  enteredAt: string;
}

/**
 * What else happens, in the same transaction, when an item enters a stage: automation enqueues the stage's robots,
 * approvals cancels the requests of the entry the item left (ctx.hooks.stageEntry, in that order).
 */
export type StageEntryHook = (ctx: AppContext, work: Work, entered: StageEntered) => Promise<void>;

/** Who moved the item: a person, or automation (actorId null) on behalf of a robot. */
export interface MoveCause {
  actorId: string | null;
  robotId?: string | null;
  reopen?: boolean;
  /** Why automation moved it, e.g. "approval.approved"; shown in the history. */
  reason?: string;
}

async function entered(ctx: AppContext, work: Work, event: StageEntered): Promise<void> {
  for (const hook of ctx.hooks.stageEntry) await hook(ctx, work, event);
}

/** Writes a new item in the first stage, with its first stage entry, inside the caller's transaction. */
export async function startItem(
  ctx: AppContext,
  work: Work,
  process: LoadedProcess,
  item: Omit<repo.ItemRow, "stageCode" | "stageEntryId" | "stageEnteredAt">,
  observerIds: string[],
): Promise<repo.ItemRow> {
  const stage = process.stages[0]!;
  const stageEntryId = newId(new Date(work.at).getTime());
  const row: repo.ItemRow = { ...item, stageCode: stage.code, stageEntryId, stageEnteredAt: work.at };
  await repo.insertItem(work.trx, row);
  await repo.replaceObservers(work.trx, row.id, observerIds);
  await repo.insertStageEntry(work.trx, {
    id: stageEntryId,
    itemId: row.id,
    stageCode: stage.code,
    fromStageCode: null,
    enteredAt: work.at,
    actorId: item.initiatorId,
    robotId: null,
  });
  await work.audit({
    actorId: item.initiatorId,
    entityType: "item",
    entityId: row.id,
    action: "item.created",
    details: { title: row.title, stage: { code: stage.code, name: stage.name }, stageEntryId },
  });
  await entered(ctx, work, { process, item: row, stage, stageEntryId, enteredAt: work.at });
  return row;
}

/**
 * Moves an item into `target` inside the caller's transaction: a new stage entry, the history row, and the
 * hooks (robots of the new stage, cancelled approvals). 409 when the item moved meanwhile.
 */
export async function enterStage(
  ctx: AppContext,
  work: Work,
  process: LoadedProcess,
  item: repo.ItemRow,
  target: Stage,
  cause: MoveCause,
): Promise<repo.ItemRow> {
  const stageEntryId = newId(new Date(work.at).getTime());
  const moved = await repo.replaceStageEntry(work.trx, item.id, item.stageEntryId, {
    stageCode: target.code,
    stageEntryId,
    stageEnteredAt: work.at,
    updatedAt: work.at,
  });
  if (!moved) throw conflict("The item was moved meanwhile; reload it and try again", { code: "item_moved_meanwhile" });
  await repo.insertStageEntry(work.trx, {
    id: stageEntryId,
    itemId: item.id,
    stageCode: target.code,
    fromStageCode: item.stageCode,
    enteredAt: work.at,
    actorId: cause.actorId,
    robotId: cause.robotId ?? null,
  });
  const from = process.stages.find((s) => s.code === item.stageCode);
  await work.audit({
    actorId: cause.actorId,
    entityType: "item",
    entityId: item.id,
    action: "item.stage_changed",
    details: {
      from: { code: item.stageCode, name: from?.name ?? item.stageCode },
      to: { code: target.code, name: target.name },
      stageEntryId,
      ...(cause.reopen && { reopen: true }),
      ...(cause.robotId && { robotId: cause.robotId }),
      ...(cause.reason && { reason: cause.reason }),
    },
  });
  const row: repo.ItemRow = {
    ...item,
    stageCode: target.code,
    stageEntryId,
    stageEnteredAt: work.at,
    updatedAt: work.at,
  };
  await entered(ctx, work, { process, item: row, stage: target, stageEntryId, enteredAt: work.at });
  return row;
}
