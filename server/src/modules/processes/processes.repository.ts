import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../db/database.js";
import type { ProcessesTable, ProcessVersionsTable } from "./processes.tables.js";
import { byNameAfter, type NameCursor } from "../../lib/pagination.js";

export type ProcessRow = Selectable<ProcessesTable>;

export const findProcess = (db: Db, id: string) =>
  db.selectFrom("processes").selectAll().where("id", "=", id).executeTakeFirst();

export const findProcessByCode = (db: Db, code: string) =>
  db.selectFrom("processes").selectAll().where("code", "=", code).executeTakeFirst();

export const listProcesses = (db: Db, opts: { limit: number; after?: NameCursor }) =>
  db.selectFrom("processes").selectAll().$call(byNameAfter(opts)).execute();

export const insertProcess = (db: Db, row: ProcessRow) => db.insertInto("processes").values(row).execute();

export const updateProcessRow = (db: Db, id: string, patch: Updateable<ProcessesTable>) =>
  db.updateTable("processes").set(patch).where("id", "=", id).execute();

/** Stage codes among `codes` that still hold items of the process. */
export async function stagesHoldingItems(db: Db, processId: string, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom("processItems")
    .select("stageCode")
    .distinct()
    .where("processId", "=", processId)
    .where("stageCode", "in", codes)
    .execute();
  return rows.map((r) => r.stageCode);
}

export const findProcessVersion = (db: Db, processId: string, version: number) =>
  db
    .selectFrom("processVersions")
    .selectAll()
    .where("processId", "=", processId)
    .where("version", "=", version)
    .executeTakeFirst();

export const insertProcessVersion = (db: Db, row: Selectable<ProcessVersionsTable>) =>
  db.insertInto("processVersions").values(row).execute();

export const bumpVersion = (db: Db, id: string, at: string) =>
  db
    .updateTable("processes")
    .set((eb) => ({ version: eb("version", "+", 1), updatedAt: at }))
    .where("id", "=", id)
    .execute();

export const versionsOf = (db: Db, processId: string) =>
  db
    .selectFrom("processVersions")
    .leftJoin("users", "users.id", "processVersions.createdBy")
    .selectAll("processVersions")
    .select("users.name as createdByName")
    .where("processId", "=", processId)
    .orderBy("version", "desc")
    .execute();

export async function itemCountsByVersion(db: Db, processId: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("processItems")
    .select(["processVersion", (eb) => eb.fn.countAll().as("n")])
    .where("processId", "=", processId)
    .groupBy("processVersion")
    .execute();
  return new Map(rows.map((r) => [Number(r.processVersion), Number(r.n)]));
}
