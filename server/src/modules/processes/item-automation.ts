/**
 * What automation (robots, approvals) may do to items, inside the caller's transaction. The caller has already
 * decided it may: these functions check state, not people.
 */
import type { Db } from "../../db/database.js";
import type { Dialect } from "../../db/dialect.js";
import type { Trx } from "../../db/work.js";
import { notFound } from "../../lib/errors.js";
import { findCompany } from "../crm/index.js";
import * as repo from "./items.repository.js";
import { requireProcessVersion } from "./processes.service.js";

export type { ItemRow } from "./items.repository.js";
export { enterStage, type MoveCause, type StageEntered, type StageEntryHook } from "./stage-entry.js";
export {
  requireProcess,
  loadProcess,
  stageOf,
  recordProcessVersion,
  robotRowsOfVersion,
  type LoadedProcess,
  type StageRemovalHook,
  type VersionRobots,
} from "./processes.service.js";
export { presentItem, itemsResponsibleOf, requireVisibleItem, itemsUsingCompany } from "./items.service.js";
export { checkItemLink } from "./item-documents-upload.js";
export { itemParticipantFilter } from "./items.repository.js";

/**
 * The item, locked for the rest of the transaction, if it is still in `stageEntryId`; null when it has moved on
 * (the robot or decision is stale and must do nothing).
 */
export async function lockItemInEntry(
  trx: Trx,
  dialect: Dialect,
  itemId: string,
  stageEntryId: string,
): Promise<repo.ItemRow | null> {
  return (await repo.lockItemInEntry(trx, dialect, itemId, stageEntryId)) ?? null;
}

export { ITEM_COLUMNS, lockItemInEntryForUpdate } from "./items.repository.js";

/** The item, or 404: for callers that reach it through their own rows (an approval task, a round), not a viewer. */
export async function requireItemRow(db: Db, itemId: string): Promise<repo.ItemRow> {
  const item = await repo.findItem(db, itemId);
  if (!item) throw notFound("Item not found");
  return item;
}

/** The process as the item runs it: the stages (and so the targets of its robots and approvals) of its version. */
export const processOfItem = (db: Db, item: repo.ItemRow) =>
  requireProcessVersion(db, item.processId, item.processVersion);

export async function assignResponsible(trx: Trx, item: repo.ItemRow, userId: string, at: string): Promise<void> {
  await repo.setResponsibleRow(trx, item.id, userId, at);
}

export const observerIdsOf = async (db: Db, itemId: string) => (await repo.observersOf(db, [itemId])).get(itemId) ?? [];

export { activeUsers } from "../users/index.js";

const LOOP_WINDOW = 20;
const LOOP_MS = 60_000;

/** Robots that move an item back and forth with no delay would loop forever; this notices and stops them. */
export async function isAutomationLooping(db: Db, itemId: string, now: string): Promise<boolean> {
  const recent = await repo.recentStageEntries(db, itemId, LOOP_WINDOW);
  if (recent.length < LOOP_WINDOW || recent.some((e) => e.actorId !== null)) return false;
  return new Date(now).getTime() - new Date(recent[recent.length - 1]!.enteredAt).getTime() < LOOP_MS;
}

// A read bound to the robot's transaction: on SQLite a query outside it would wait for the one connection it holds.
export const companyName = async (db: Db, companyId: string | null) =>
  companyId ? ((await findCompany(db, companyId))?.name ?? null) : null;
