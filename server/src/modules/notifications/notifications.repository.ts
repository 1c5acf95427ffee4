import type { Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import type { NotificationsTable } from "./notifications.tables.js";

export type NotificationRow = Selectable<NotificationsTable>;

export const insertNotifications = (db: Db, rows: NotificationRow[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto("notifications").values(rows).execute();

export const findNotification = (db: Db, id: string) =>
  db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();

export function listNotifications(
  db: Db,
  opts: { userId: string; unread?: boolean; limit: number; beforeId?: string },
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom("notifications")
    .selectAll()
    .where("userId", "=", opts.userId)
    .orderBy("id", "desc")
    .limit(opts.limit + 1);
  if (opts.unread) query = query.where("readAt", "is", null);
  if (opts.beforeId) query = query.where("id", "<", opts.beforeId);
  return query.execute();
}

export async function markRead(db: Db, userId: string, ids: string[] | "all", at: string): Promise<number> {
  let query = db
    .updateTable("notifications")
    .set({ readAt: at })
    .where("userId", "=", userId)
    .where("readAt", "is", null);
  if (ids !== "all") query = query.where("id", "in", ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId)
    .where("readAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const markEmailed = (db: Db, id: string, at: string) =>
  db.updateTable("notifications").set({ emailedAt: at }).where("id", "=", id).execute();

/** Recipients as notifications need them; read-only, like the audit log's join on users. */
export const findRecipients = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("users")
        .select(["id", "name", "email", "role", "active", "locale", "emailNotifications", "emailMode"])
        .where("id", "in", ids)
        .execute();
