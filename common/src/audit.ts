import { z } from "zod";
import { idSchema, isoTimestamp, listQuery } from "./common.js";

/** An instant or a whole day (YYYY-MM-DD, in UTC); `to` of a day includes that day. */
const instantOrDay = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: "must be an ISO date (2026-03-01) or timestamp",
  });

export const auditQuery = listQuery.extend({
  entityType: z.string().max(40).optional(),
  entityId: idSchema.optional(),
  actorId: idSchema.optional(),
  action: z.string().max(80).optional(),
  from: instantOrDay.optional(),
  to: instantOrDay.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoTimestamp,
  /** null: automation (a robot, the worker, provisioning). */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /api/audit/export`: the whole filtered log (same filters as the list), like the registry's export. */
export const auditExportQuery = auditQuery.omit({ limit: true, cursor: true }).extend({
  format: z.enum(["csv"]).default("csv"),
});
export type AuditExportQuery = z.infer<typeof auditExportQuery>;
