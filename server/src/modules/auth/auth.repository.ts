import type { Db } from "../../db/database.js";
import type { ApiTokensTable, SessionsTable } from "../../db/schema.js";
import type { Selectable } from "kysely";

export const insertSession = (db: Db, row: Selectable<SessionsTable>) =>
  db.insertInto("sessions").values(row).execute();

export const findSession = (db: Db, id: string) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.userId")
    .select([
      "sessions.id",
      "sessions.csrfToken",
      "sessions.expiresAt",
      "sessions.lastSeenAt",
      "users.id as userId",
      "users.name",
      "users.role",
      "users.active",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();

export const touchSession = (db: Db, id: string, lastSeenAt: string, expiresAt: string) =>
  db.updateTable("sessions").set({ lastSeenAt, expiresAt }).where("id", "=", id).execute();

export const deleteSession = (db: Db, id: string) => db.deleteFrom("sessions").where("id", "=", id).execute();

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("expiresAt", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session of the user (but `keepSessionId`, where given) and every API token of theirs. */
export async function revokeAllCredentials(db: Db, userId: string, keepSessionId?: string): Promise<void> {
  let sessions = db.deleteFrom("sessions").where("userId", "=", userId);
  if (keepSessionId) sessions = sessions.where("id", "!=", keepSessionId);
  await sessions.execute();
  await db.deleteFrom("apiTokens").where("userId", "=", userId).execute();
}

export const insertToken = (db: Db, row: Selectable<ApiTokensTable>) =>
  db.insertInto("apiTokens").values(row).execute();

export const findTokenByHash = (db: Db, tokenHash: string) =>
  db
    .selectFrom("apiTokens")
    .innerJoin("users", "users.id", "apiTokens.userId")
    .select(["apiTokens.id", "apiTokens.lastUsedAt", "users.id as userId", "users.name", "users.role", "users.active"])
    .where("apiTokens.tokenHash", "=", tokenHash)
    .executeTakeFirst();

export const touchToken = (db: Db, id: string, at: string) =>
  db.updateTable("apiTokens").set({ lastUsedAt: at }).where("id", "=", id).execute();

export const listTokens = (db: Db, userId: string) =>
  db
    .selectFrom("apiTokens")
    .select(["id", "name", "createdAt", "lastUsedAt"])
    .where("userId", "=", userId)
    .orderBy("id", "desc")
    .execute();

export const findToken = (db: Db, id: string) =>
  db.selectFrom("apiTokens").select(["id", "userId"]).where("id", "=", id).executeTakeFirst();

export const deleteToken = (db: Db, id: string) => db.deleteFrom("apiTokens").where("id", "=", id).execute();
