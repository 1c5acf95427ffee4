import type { Db } from "../../db/database.js";

export interface HistoryRow {
  id: string;
  at: string;
  action: string;
  details: Record<string, unknown>;
  actor: { id: string; name: string } | null;
}

/** Audit rows with the name of the person who acted. */
export const auditRows = (db: Db) =>
  db
    .selectFrom("auditLog")
    .leftJoin("users", "users.id", "auditLog.actorId")
    .select([
      "auditLog.id",
      "auditLog.at",
      "auditLog.action",
      "auditLog.entityType",
      "auditLog.entityId",
      "auditLog.details",
      "auditLog.actorId",
      "users.name as actorName",
    ]);

export const actorOf = (row: { actorId: string | null; actorName: string | null }) =>
  row.actorId ? { id: row.actorId, name: row.actorName ?? "" } : null;

export async function listHistory(db: Db, entityType: string, entityId: string): Promise<HistoryRow[]> {
  const rows = await auditRows(db)
    .where("auditLog.entityType", "=", entityType)
    .where("auditLog.entityId", "=", entityId)
    .orderBy("auditLog.id", "asc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
    actor: actorOf(r),
  }));
}
