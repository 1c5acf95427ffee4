import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type QueryCreator,
  type Selectable,
  type SqlBool,
  type Updateable,
} from "kysely";
import { isAdmin, type Actor } from "../../context.js";
import type { Db } from "../../db/database.js";
import { compiledQuery, everyColumn } from "../../db/compiled-query.js";
import type { Dialect } from "../../db/dialect.js";
import { containsText } from "../../db/search.js";
import type { Trx } from "../../db/work.js";
import type { Database } from "../../db/schema.js";
import type { ProcessItemsTable, StageEntriesTable } from "./processes.tables.js";

export type ItemRow = Selectable<ProcessItemsTable>;
export type StageEntryRow = Selectable<StageEntriesTable>;
type ItemsEb = ExpressionBuilder<Database, "processItems">;

/** The actor is a participant of the item: initiator, responsible, observer or approver. */
export function itemParticipantFilter(eb: ItemsEb, actorId: string): Expression<SqlBool> {
  return eb.or([
    eb("processItems.initiatorId", "=", actorId),
    eb("processItems.responsibleId", "=", actorId),
    eb.exists(
      eb
        .selectFrom("itemObservers")
        .select("itemObservers.itemId")
        .whereRef("itemObservers.itemId", "=", "processItems.id")
        .where("itemObservers.userId", "=", actorId),
    ),
    eb.exists(
      eb
        .selectFrom("approvalTasks")
        .select("approvalTasks.itemId")
        .whereRef("approvalTasks.itemId", "=", "processItems.id")
        .where("approvalTasks.approverId", "=", actorId),
    ),
  ]);
}

/** `canSeeItem` as SQL: admins and automation see all; others every item of an `all` process, and their own. */
export function itemVisibleTo(actor: Actor | null) {
  return (eb: ItemsEb): Expression<SqlBool> => {
    if (actor === null || isAdmin(actor)) return sql<SqlBool>`1 = 1`;
    return eb.or([
      eb(
        "processItems.processId",
        "not in",
        eb.selectFrom("processes").select("processes.id").where("processes.access", "=", "participants"),
      ),
      itemParticipantFilter(eb, actor.id),
    ]);
  };
}

export const findItem = (db: Db, id: string) =>
  db.selectFrom("processItems").selectAll().where("id", "=", id).executeTakeFirst();

export const findVisibleItem = (db: Db, actor: Actor | null, id: string) =>
  db.selectFrom("processItems").selectAll().where("id", "=", id).where(itemVisibleTo(actor)).executeTakeFirst();

export async function isParticipant(db: Db, actorId: string, itemId: string): Promise<boolean> {
  const row = await db
    .selectFrom("processItems")
    .select("id")
    .where("id", "=", itemId)
    .where((eb) => itemParticipantFilter(eb, actorId))
    .executeTakeFirst();
  return row !== undefined;
}

export interface ItemFilter {
  processId?: string;
  stage?: string;
  companyId?: string;
  responsibleId?: string;
  /** Lower-cased words: the item's company must hold them in its name or INN (title and numbers are matched later). */
  companyText?: string;
  limit: number;
  beforeId?: string;
}

export function listItems(db: Db, actor: Actor, opts: ItemFilter): Promise<ItemRow[]> {
  let query = db
    .selectFrom("processItems")
    .selectAll()
    .where(itemVisibleTo(actor))
    .orderBy("id", "desc")
    .limit(opts.limit + 1);
  if (opts.processId) query = query.where("processId", "=", opts.processId);
  if (opts.companyId) query = query.where("companyId", "=", opts.companyId);
  if (opts.responsibleId) query = query.where("responsibleId", "=", opts.responsibleId);
  if (opts.stage) query = query.where("stageCode", "=", opts.stage);
  if (opts.beforeId) query = query.where("id", "<", opts.beforeId);
  return query.execute();
}

/** Ids of companies whose name or INN holds `text` (lower-cased), to search items by their company. */
export async function companiesMatching(db: Db, text: string): Promise<Set<string>> {
  const rows = await db.selectFrom("companies").select("id").where(containsText("searchText", text)).execute();
  return new Set(rows.map((r) => r.id));
}

/** Of these items, those with an approval task still pending after its deadline. */
export async function itemsWithLateApprovals(db: Db, itemIds: string[], now: string): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("approvalTasks")
    .select("itemId")
    .distinct()
    .where("itemId", "in", itemIds)
    .where("state", "=", "pending")
    .where("dueAt", "is not", null)
    .where("dueAt", "<", now)
    .execute();
  return new Set(rows.map((r) => r.itemId));
}

export const insertItem = (db: Db, row: ItemRow) => db.insertInto("processItems").values(row).execute();

export const updateItemRow = (db: Db, id: string, patch: Updateable<ProcessItemsTable>) =>
  db.updateTable("processItems").set(patch).where("id", "=", id).execute();

/**
 * Moves the item only if it is still in the stage entry the caller saw: a concurrent move (a person, a robot,
 * an approval) makes this update touch no row, and the caller refuses instead of moving twice.
 */
export async function replaceStageEntry(
  db: Db,
  itemId: string,
  expectedEntryId: string,
  patch: { stageCode: string; stageEntryId: string; stageEnteredAt: string; updatedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable("processItems")
    .set(patch)
    .where("id", "=", itemId)
    .where("stageEntryId", "=", expectedEntryId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Locks the item row (PostgreSQL: until the transaction ends) and returns it if it is still in that stage entry;
 * undefined when the item has moved on. SELECT … FOR UPDATE on PostgreSQL, a no-op update on SQLite (the dialect's
 * `selectForUpdate`). A concurrent move makes it wait for that transaction, then find the entry gone.
 */
export const lockItemInEntry = async (trx: Trx, dialect: Dialect, itemId: string, stageEntryId: string) =>
  (await (dialect.selectForUpdate ? lockBySelectQuery : lockByUpdateQuery)(trx, { itemId, stageEntryId }))[0];

/** Every column of an item, by name (see `everyColumn`). */
export const ITEM_COLUMNS = everyColumn<ProcessItemsTable>({
  id: true,
  processId: true,
  title: true,
  stageCode: true,
  stageEntryId: true,
  stageEnteredAt: true,
  initiatorId: true,
  responsibleId: true,
  companyId: true,
  fields: true,
  processVersion: true,
  createdAt: true,
  updatedAt: true,
});

/** The same lock as a query, for a caller that writes more in the same statement (a WITH, on PostgreSQL). */
export const lockItemInEntryForUpdate = (db: QueryCreator<Database>, itemId: string, stageEntryId: string) =>
  db
    .selectFrom("processItems")
    .select(ITEM_COLUMNS)
    .where("id", "=", itemId)
    .where("stageEntryId", "=", stageEntryId)
    .forUpdate();

// Every robot and approval decision starts with it: compiled once.
const lockBySelectQuery = compiledQuery((db, p: { itemId: string; stageEntryId: string }) =>
  lockItemInEntryForUpdate(db, p.itemId, p.stageEntryId),
);
const lockByUpdateQuery = compiledQuery((db, p: { itemId: string; stageEntryId: string }) =>
  db
    .updateTable("processItems")
    .set({ stageEntryId: p.stageEntryId })
    .where("id", "=", p.itemId)
    .where("stageEntryId", "=", p.stageEntryId)
    .returningAll(),
);

/** A robot's setResponsible: compiled once, as it runs for every item a burst of robots assigns. */
const assignResponsibleQuery = compiledQuery((db, p: { id: string; responsibleId: string; updatedAt: string }) =>
  db.updateTable("processItems").set({ responsibleId: p.responsibleId, updatedAt: p.updatedAt }).where("id", "=", p.id),
);
export const setResponsibleRow = (db: Db, id: string, responsibleId: string, updatedAt: string) =>
  assignResponsibleQuery(db, { id, responsibleId, updatedAt });

export const insertStageEntry = (db: Db, row: StageEntryRow) => db.insertInto("stageEntries").values(row).execute();

/** Every item of a process that `actor` may see, oldest first. */
export const allItemsOfProcess = (db: Db, actor: Actor, processId: string) =>
  db
    .selectFrom("processItems")
    .selectAll()
    .where("processId", "=", processId)
    .where(itemVisibleTo(actor))
    .orderBy("id")
    .execute();

/** Every stage entry of the process's items that `actor` may see, item by item, in the order they happened. */
export const stageEntriesOfProcess = (db: Db, actor: Actor, processId: string) =>
  db
    .selectFrom("stageEntries")
    .selectAll()
    .where(
      "itemId",
      "in",
      db.selectFrom("processItems").select("id").where("processId", "=", processId).where(itemVisibleTo(actor)),
    )
    .orderBy("itemId")
    .orderBy("enteredAt")
    .orderBy("id")
    .execute();

/** The last `n` entries of an item, newest first. */
export const recentStageEntries = (db: Db, itemId: string, n: number) =>
  db.selectFrom("stageEntries").selectAll().where("itemId", "=", itemId).orderBy("id", "desc").limit(n).execute();

export async function observersOf(db: Db, itemIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (itemIds.length === 0) return map;
  const rows = await db
    .selectFrom("itemObservers")
    .select(["itemId", "userId"])
    .where("itemId", "in", itemIds)
    .orderBy("userId")
    .execute();
  for (const row of rows) map.set(row.itemId, [...(map.get(row.itemId) ?? []), row.userId]);
  return map;
}

export async function replaceObservers(db: Db, itemId: string, userIds: string[]): Promise<void> {
  await db.deleteFrom("itemObservers").where("itemId", "=", itemId).execute();
  if (userIds.length > 0)
    await db
      .insertInto("itemObservers")
      .values(userIds.map((userId) => ({ itemId, userId })))
      .execute();
}

/** Active users among `ids` (to check references and to name people in messages). */

export async function countItemsOfCompany(db: Db, companyId: string): Promise<number> {
  const row = await db
    .selectFrom("processItems")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("companyId", "=", companyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Items the user is responsible for, newest first (their "my work" list). */
export const itemsOfResponsible = (db: Db, userId: string, limit: number) =>
  db
    .selectFrom("processItems")
    .selectAll()
    .where("responsibleId", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
