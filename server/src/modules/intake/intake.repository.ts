import type { Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import type { Trx } from "../../db/work.js";
import type { IntakeMessagesTable, IntakeStatusTable } from "./intake.tables.js";

export type IntakeMessageRow = Selectable<IntakeMessagesTable>;
export type IntakeStatusRow = Selectable<IntakeStatusTable>;

const STATUS_ID = "imap";

export const findMessage = (db: Db, messageId: string) =>
  db.selectFrom("intakeMessages").selectAll().where("messageId", "=", messageId).executeTakeFirst();

/**
 * Takes the message for this transaction; false when it was taken before (or by another process right now: on
 * PostgreSQL the second insert waits for the first transaction and then finds the row).
 */
export async function claimMessage(trx: Trx, row: IntakeMessageRow): Promise<boolean> {
  const result = await trx
    .insertInto("intakeMessages")
    .values(row)
    .onConflict((oc) => oc.column("messageId").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const setDocuments = (trx: Trx, id: string, documentIds: string[]) =>
  trx
    .updateTable("intakeMessages")
    .set({ documentIds: JSON.stringify(documentIds) })
    .where("id", "=", id)
    .execute();

export const recentMessages = (db: Db, limit: number) =>
  db
    .selectFrom("intakeMessages")
    .selectAll()
    .orderBy("receivedAt", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();

export const readStatus = (db: Db) =>
  db.selectFrom("intakeStatus").selectAll().where("id", "=", STATUS_ID).executeTakeFirst();

export async function writeStatus(db: Db, at: string, error: string | null): Promise<void> {
  const patch =
    error === null ? { lastPollAt: at, lastSuccessAt: at, lastError: null } : { lastPollAt: at, lastError: error };
  await db
    .insertInto("intakeStatus")
    .values({ id: STATUS_ID, lastSuccessAt: null, ...patch })
    .onConflict((oc) => oc.column("id").doUpdateSet(patch))
    .execute();
}
