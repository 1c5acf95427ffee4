import type {
  CreateDocumentTypeBody,
  DocumentFieldDef,
  DocumentStatusDef,
  DocumentType,
  UpdateDocumentTypeBody,
} from "@docket/common";
import { nowIso, type Actor, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { inTransaction, inWork, type Work } from "../../db/work.js";
import { conflict, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { namePage, type Page } from "../../lib/pagination.js";
import { calendarParts, normalizePath, periodKey, renderNumber } from "@docket/common";
import * as repo from "./document-types.repository.js";

export interface LoadedType {
  row: repo.DocumentTypeRow;
  statuses: DocumentStatusDef[];
  fields: DocumentFieldDef[];
}

export const loadType = (row: repo.DocumentTypeRow): LoadedType => ({
  row,
  statuses: JSON.parse(row.statuses) as DocumentStatusDef[],
  fields: JSON.parse(row.fields) as DocumentFieldDef[],
});

/** Types as the API shows them, each with the number its next registration takes now (in DOCKET_TZ). */
async function presentTypes(ctx: AppContext, rows: repo.DocumentTypeRow[], db: Db = ctx.db): Promise<DocumentType[]> {
  const parts = calendarParts(ctx.clock.now(), ctx.config.timeZone);
  const periods = rows.map((row) => ({ typeId: row.id, period: periodKey(row.numberingReset, parts) }));
  const counters = await repo.counterValues(db, periods);
  return rows.map((row, i) => {
    const { statuses, fields } = loadType(row);
    const nextSeq = (counters.get(`${row.id}/${periods[i]?.period}`) ?? 0) + 1;
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      folder: row.folderTemplate,
      numbering: { template: row.numberingTemplate, reset: row.numberingReset },
      statuses,
      fields,
      access: row.access,
      nextNumber: renderNumber(row.numberingTemplate, parts, nextSeq),
      nextSeq,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });
}

async function presentType(ctx: AppContext, row: repo.DocumentTypeRow, db: Db = ctx.db): Promise<DocumentType> {
  const [type] = await presentTypes(ctx, [row], db);
  return type as DocumentType;
}

/** The type of a document being registered; a missing one is the request's fault (422 on `typeId`). */
export async function requireType(db: Db, typeId: string): Promise<LoadedType> {
  const row = await repo.findType(db, typeId);
  if (!row) throw unprocessable("No such document type", [{ path: "typeId", message: "No such document type" }]);
  return loadType(row);
}

/** A type the request names in its path (`/api/document-types/:id…`): a missing one is a 404 (not requireType's 422). */
export async function typeNamedByPath(db: Db, id: string): Promise<LoadedType> {
  const row = await repo.findType(db, id);
  if (!row) throw notFound("Document type not found");
  return loadType(row);
}

/** A type by its code (integrations configure types by code), or null. */
export async function typeByCode(db: Db, code: string): Promise<LoadedType | null> {
  const row = await repo.findTypeByCode(db, code);
  return row ? loadType(row) : null;
}

export async function typesByIds(db: Db, ids: string[]): Promise<Map<string, LoadedType>> {
  const rows = await repo.findTypesByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, loadType(r)]));
}

export async function listDocumentTypes(
  ctx: AppContext,
  query: { limit: number; cursor?: string },
): Promise<Page<DocumentType>> {
  const page = await namePage(query, (bounds) => repo.listTypes(ctx.db, bounds));
  return { items: await presentTypes(ctx, page.items), nextCursor: page.nextCursor };
}

export async function getDocumentType(ctx: AppContext, id: string): Promise<DocumentType> {
  const { row } = await typeNamedByPath(ctx.db, id);
  return presentType(ctx, row);
}

async function assertCodeFree(db: Db, code: string | undefined, exceptId?: string): Promise<void> {
  if (code === undefined) return;
  const holder = await repo.findTypeByCode(db, code);
  if (holder && holder.id !== exceptId)
    throw conflict(`Document type code "${code}" is taken`, { code: "code_taken", params: { code }, field: "code" });
}

export async function createDocumentType(
  ctx: AppContext,
  actor: Actor,
  input: CreateDocumentTypeBody,
  work?: Work,
): Promise<DocumentType> {
  const row = await inWork(ctx, work, async ({ trx, at, audit }) => {
    await assertCodeFree(trx, input.code);
    const row: repo.DocumentTypeRow = {
      id: newId(),
      code: input.code,
      name: input.name,
      folderTemplate: normalizePath(input.folder),
      numberingTemplate: input.numbering.template,
      numberingReset: input.numbering.reset,
      statuses: JSON.stringify(input.statuses),
      fields: JSON.stringify(input.fields),
      access: input.access,
      createdAt: at,
      updatedAt: at,
    };
    await repo.insertType(trx, row);
    await audit({
      actorId: actor.id,
      entityType: "document_type",
      entityId: row.id,
      action: "document_type.created",
      details: { code: row.code, name: row.name },
    });
    return row;
  });
  // Inside the caller's Work the transaction holds the connection (SQLite has one): read through it.
  return presentType(ctx, row, work?.trx);
}

export async function updateDocumentType(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateDocumentTypeBody,
): Promise<DocumentType> {
  const existing = await typeNamedByPath(ctx.db, id);
  await assertCodeFree(ctx.db, input.code, id);
  const at = nowIso(ctx);
  await inTransaction(ctx, async ({ trx, audit }) => {
    if (input.statuses) await assertRemovedStatusesUnused(trx, existing, input.statuses);
    await repo.updateTypeRow(trx, id, {
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.folder !== undefined && { folderTemplate: normalizePath(input.folder) }),
      ...(input.numbering && {
        numberingTemplate: input.numbering.template,
        numberingReset: input.numbering.reset,
      }),
      ...(input.statuses && { statuses: JSON.stringify(input.statuses) }),
      ...(input.fields && { fields: JSON.stringify(input.fields) }),
      ...(input.access !== undefined && { access: input.access }),
      updatedAt: at,
    });
    await audit({
      actorId: actor.id,
      entityType: "document_type",
      entityId: id,
      action: "document_type.updated",
      details: { changed: Object.keys(input) },
    });
  });
  return getDocumentType(ctx, id);
}

/** A status that documents still hold cannot disappear from under them. */
async function assertRemovedStatusesUnused(db: Db, type: LoadedType, next: DocumentStatusDef[]): Promise<void> {
  const kept = new Set(next.map((s) => s.code));
  const removed = type.statuses.map((s) => s.code).filter((code) => !kept.has(code));
  const inUse = await repo.statusCodesInUse(db, type.row.id, removed);
  if (inUse.length > 0)
    throw conflict(`Documents still have the status ${inUse.join(", ")}; move them first`, {
      code: "statuses_in_use",
      params: { statuses: inUse.join(", ") },
    });
}
