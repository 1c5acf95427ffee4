import type { NotificationSubject } from "@docket/common";
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

const subjectOf = (kind: NotificationSubject["kind"], r: Omit<NotificationSubject, "kind">): NotificationSubject => ({
  kind,
  id: r.id,
  title: r.title,
  number: r.number,
  company: r.company,
  kindName: r.kindName,
});

/**
 * What the notifications are about, by item and document id: a read-only join on their tables (like the recipients'
 * on users), so every notification names its subject without each caller writing it into the text.
 */
export async function findSubjects(
  db: Db,
  itemIds: string[],
  documentIds: string[],
): Promise<Map<string, NotificationSubject>> {
  const subjects = new Map<string, NotificationSubject>();
  const items = [...new Set(itemIds)];
  const documents = [...new Set(documentIds)];
  if (items.length > 0) {
    const rows = await db
      .selectFrom("processItems")
      .innerJoin("processes", "processes.id", "processItems.processId")
      .leftJoin("companies", "companies.id", "processItems.companyId")
      .select(["processItems.id", "processItems.title", "processes.name as kindName", "companies.name as company"])
      .where("processItems.id", "in", items)
      .execute();
    for (const r of rows) subjects.set(r.id, subjectOf("item", { ...r, number: null }));
  }
  if (documents.length > 0) {
    const rows = await db
      .selectFrom("documents")
      .innerJoin("documentTypes", "documentTypes.id", "documents.typeId")
      .leftJoin("companies", "companies.id", "documents.companyId")
      .select([
        "documents.id",
        "documents.title",
        "documents.number",
        "documentTypes.name as kindName",
        "companies.name as company",
      ])
      .where("documents.id", "in", documents)
      .execute();
    for (const r of rows) subjects.set(r.id, subjectOf("document", r));
  }
  return subjects;
}
