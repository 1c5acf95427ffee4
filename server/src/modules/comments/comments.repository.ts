import type { Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import type { CommentsTable, CommentTarget } from "./comments.tables.js";

export type CommentRow = Selectable<CommentsTable>;

export const insertComment = (db: Db, row: CommentRow) => db.insertInto("comments").values(row).execute();

/** The target's comments, oldest first, with their authors' names (a read-only join, like the audit log's). */
export function listComments(db: Db, target: CommentTarget, opts: { limit: number; afterId?: string }) {
  let query = db
    .selectFrom("comments")
    .innerJoin("users", "users.id", "comments.authorId")
    .selectAll("comments")
    .select("users.name as authorName")
    .where("comments.targetType", "=", target.kind)
    .where("comments.targetId", "=", target.id)
    .orderBy("comments.id", "asc")
    .limit(opts.limit + 1);
  if (opts.afterId) query = query.where("comments.id", ">", opts.afterId);
  return query.execute();
}

/** Mentioned people with the role visibility depends on (read-only, like the notifications' recipients). */
export const findPeople = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom("users").select(["id", "name", "role"]).where("id", "in", ids).execute();
