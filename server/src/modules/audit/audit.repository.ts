import type { Db } from "../../db/database.js";
import { newId } from "../../lib/ids.js";

export interface AuditEntry {
  at: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  details?: Record<string, unknown>;
}

/** Written inside the caller's transaction, so a change and its history row commit together. */
export async function insertAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("auditLog")
    .values({
      id: newId(new Date(entry.at).getTime()),
      at: entry.at,
      actorId: entry.actorId,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface HistoryRow {
  id: string;
  at: string;
  action: string;
  details: Record<string, unknown>;
  actor: { id: string; name: string } | null;
}

export async function listHistory(db: Db, entityType: string, entityId: string): Promise<HistoryRow[]> {
  const rows = await db
    .selectFrom("auditLog")
    .leftJoin("users", "users.id", "auditLog.actorId")
    .select([
      "auditLog.id",
      "auditLog.at",
      "auditLog.action",
      "auditLog.details",
      "auditLog.actorId",
      "users.name as actorName",
    ])
    .where("auditLog.entityType", "=", entityType)
    .where("auditLog.entityId", "=", entityId)
    .orderBy("auditLog.id", "asc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "" } : null,
  }));
}
