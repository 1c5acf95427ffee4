import type { AuditEntry, AuditQuery } from "@docket/common";
import type { Db } from "../../db/database.js";
import { decodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { actorOf, auditRows } from "./audit.repository.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A day's bounds in UTC: `from` a day starts at its midnight, `to` a day ends before the next midnight. */
const lowerBound = (value: string) => (DAY.test(value) ? `${value}T00:00:00.000Z` : new Date(value).toISOString());
const upperBound = (value: string) =>
  DAY.test(value)
    ? new Date(Date.parse(`${value}T00:00:00.000Z`) + 86_400_000).toISOString()
    : new Date(Date.parse(value) + 1).toISOString();

/** The audit log, newest first, filtered; for administrators (the route decides who may call it). */
export async function listAuditLog(db: Db, query: AuditQuery): Promise<Page<AuditEntry>> {
  const after = decodeCursor(query.cursor);
  let select = auditRows(db)
    .orderBy("auditLog.at", "desc")
    .orderBy("auditLog.id", "desc")
    .limit(query.limit + 1);
  if (query.entityType) select = select.where("auditLog.entityType", "=", query.entityType);
  if (query.entityId) select = select.where("auditLog.entityId", "=", query.entityId);
  if (query.actorId) select = select.where("auditLog.actorId", "=", query.actorId);
  if (query.action) select = select.where("auditLog.action", "=", query.action);
  if (query.from) select = select.where("auditLog.at", ">=", lowerBound(query.from));
  if (query.to) select = select.where("auditLog.at", "<", upperBound(query.to));
  if (after) {
    const key = String(after.key);
    select = select.where((eb) =>
      eb.or([eb("auditLog.at", "<", key), eb.and([eb("auditLog.at", "=", key), eb("auditLog.id", "<", after.id)])]),
    );
  }
  const rows = await select.execute();
  const entries: AuditEntry[] = rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: actorOf(row),
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
  return toPage(entries, query.limit, (entry) => ({ key: entry.at, id: entry.id }));
}
