import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../db/database.js";
import type { UsersTable } from "../../db/schema.js";
import { containsText } from "../../db/search.js";
import { byNameAfter, type NameCursor } from "../../lib/pagination.js";

export type UserRow = Selectable<UsersTable>;

export const findUserById = (db: Db, id: string) =>
  db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();

export const findUsersByIds = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom("users").selectAll().where("id", "in", ids).execute();

/** The one rule for "is this an active user?": exists and not deactivated. */
export const findActiveUsers = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).where("active", "=", 1).execute();

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const firstAdmin = (db: Db) =>
  db
    .selectFrom("users")
    .selectAll()
    .where("role", "=", "admin")
    .where("active", "=", 1)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();

export async function listUsers(db: Db, opts: { limit: number; after?: NameCursor; q?: string }): Promise<UserRow[]> {
  let query = db.selectFrom("users").selectAll().$call(byNameAfter(opts));
  if (opts.q) {
    const q = opts.q;
    query = query.where((eb) => eb.or([containsText("email", q.toLowerCase()), containsText("name", q)]));
  }
  return query.execute();
}

export const insertUser = (db: Db, row: UserRow) => db.insertInto("users").values(row).execute();

export const updateUserRow = (db: Db, id: string, patch: Updateable<UsersTable>) =>
  db.updateTable("users").set(patch).where("id", "=", id).execute();
