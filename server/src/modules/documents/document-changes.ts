import type { Document, DocumentState, UpdateDocumentBody } from "@docket/common";
import { blobStoreFor } from "../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../context.js";
import { documentViewer } from "./document-visibility.js";
import { inTransaction, type Trx, type Work } from "../../db/work.js";
import { textSearchFor } from "../../db/text-search.js";
import { AppError, conflict, forbidden, notFound, unprocessable } from "../../lib/errors.js";
import { fileDocument, folderPathsByIds, moveDriveEntry, updateDocumentFile } from "../drive/index.js";
import { assertResponsible, companyNameOf } from "./document-references.js";
import { enqueueTextExtraction, versionRow, type UploadedFile } from "./document-registration.js";
import { loadType, requireType } from "./document-types.service.js";
import { findType } from "./document-types.repository.js";
import { validateFields } from "./document-fields.js";
import { requireVisibleDocument } from "./document-queries.js";
import * as repo from "./documents.repository.js";
import { hasFile, presentOne, statusOf } from "./documents.presenter.js";
import { enqueueRendition } from "./renditions/rendition-queue.js";
import { findRendition } from "./renditions/renditions.repository.js";
import { driveFileName } from "@docket/common";

/** Loads a document for a change: 404 if the actor may not see it, 403 if they see it but are no participant. */
export async function loadForChange(
  ctx: Pick<AppContext, "db" | "hooks">,
  actor: Actor | null,
  id: string,
): Promise<repo.DocumentRow> {
  const viewer = documentViewer(ctx, actor);
  const row = await requireVisibleDocument(ctx.db, viewer, id);
  if (!(await repo.actorMayChange(ctx.db, viewer, id)))
    throw forbidden("Only the document's participants and administrators may change it");
  return row;
}

/**
 * Rebuilds the search entry from the number, title and the text known so far: the rendition's text (OCR of a
 * scan, an office file's converted text) where there is one, else the text extracted from the file.
 */
export async function reindexDocument(ctx: AppContext, trx: Trx, row: repo.DocumentRow): Promise<void> {
  const rendition = await findRendition(trx, row.id, row.version);
  const body = rendition?.text ?? (await repo.findText(trx, row.id))?.text ?? "";
  await textSearchFor(ctx.dialect).index(trx, row.id, `${row.number} ${row.title}`, body);
}

export async function updateDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateDocumentBody,
): Promise<Document> {
  const existing = await loadForChange(ctx, actor, id);
  const fields = await checkUpdate(ctx, existing, input);
  await inTransaction(ctx, (work) => writeUpdate(ctx, work, actor, existing, input, fields));
  return presentOne(ctx.db, (await repo.findDocumentRow(ctx.db, id))!);
}

/** Checks an update's references and custom fields before any write; answers the fields to store, if any. */
async function checkUpdate(
  ctx: AppContext,
  existing: repo.DocumentRow,
  input: UpdateDocumentBody,
): Promise<Record<string, unknown> | undefined> {
  const type = await requireType(ctx.db, existing.typeId);
  if (input.companyId !== undefined) await companyNameOf(ctx, input.companyId);
  if (input.responsibleId !== undefined) await assertResponsible(ctx, input.responsibleId);
  return input.fields === undefined ? undefined : await validateFields(ctx.db, type.fields, input.fields);
}

async function writeUpdate(
  ctx: AppContext,
  { trx, at, audit }: Work,
  actor: Actor,
  existing: repo.DocumentRow,
  input: UpdateDocumentBody,
  fields: Record<string, unknown> | undefined,
): Promise<void> {
  const id = existing.id;
  const patch = {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.companyId !== undefined && { companyId: input.companyId }),
    ...(input.responsibleId !== undefined && { responsibleId: input.responsibleId }),
    ...(fields !== undefined && { fields: JSON.stringify(fields) }),
    updatedAt: at,
  };
  // Only the fields the request names are written, so a concurrent new version is never overwritten.
  await repo.updateDocumentRow(trx, id, patch);
  const next = { ...existing, ...patch };
  if (next.title !== existing.title) {
    if (hasFile(existing))
      await updateDocumentFile(trx, existing.driveFileId, {
        name: driveFileName(next.number, next.title, next.fileName),
        size: next.fileSize,
        at,
      });
    await reindexDocument(ctx, trx, next);
  }
  await audit({
    actorId: actor.id,
    entityType: "document",
    entityId: id,
    action: "document.updated",
    details: { changed: Object.keys(input) },
  });
}

/**
 * One document of a bulk change: the checks and writes of `PATCH /api/documents/:id` and
 * `POST /api/documents/:id/status`, in one Work of its own, so a refusal rolls back this document only.
 */
export async function changeDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  set: { status?: string; responsibleId?: string | null; companyId?: string | null },
): Promise<void> {
  const existing = await loadForChange(ctx, actor, id);
  const { status, ...update } = set;
  const fields = await checkUpdate(ctx, existing, update);
  await inTransaction(ctx, async (work) => {
    if (status !== undefined) await setDocumentStatus(work, actor, id, status, null, { byPerson: true });
    if (Object.keys(update).length > 0) await writeUpdate(ctx, work, actor, existing, update, fields);
  });
}

export interface StatusChange {
  changed: boolean;
  from: string;
  to: string;
}

/**
 * Sets a document's status inside the caller's transaction (processes and robots use this; actor null =
 * automation). The caller has authorized the actor. Only codes of the document's type are allowed (422);
 * setting the status it already has changes nothing and writes no history. A person (`byPerson`) may not set an
 * `automatic` status (409).
 */
export async function setDocumentStatus(
  work: Work,
  actor: Actor | null,
  documentId: string,
  statusCode: string,
  comment?: string | null,
  options: { byPerson?: boolean } = {},
): Promise<StatusChange> {
  const { trx, at } = work;
  const row = await repo.findDocumentRow(trx, documentId);
  if (!row) throw notFound("Document not found");
  const typeRow = await findType(trx, row.typeId);
  const type = typeRow ? loadType(typeRow) : undefined;
  if (!type?.statuses.some((s) => s.code === statusCode)) {
    throw unprocessable(
      `"${statusCode}" is not a status of this document type`,
      [{ path: "status", message: `Allowed: ${type?.statuses.map((s) => s.code).join(", ") ?? "none"}` }],
      { code: "status_unknown", params: { status: statusCode } },
    );
  }
  if (row.statusCode === statusCode) return { changed: false, from: row.statusCode, to: statusCode };
  if (row.cancelledAt !== null) {
    // A cancelled document's status is frozen. Automation (a robot, a process outcome) passes it by, as it passes
    // documents of other types, so a cancelled contract never blocks moving its item.
    if (!options.byPerson) return { changed: false, from: row.statusCode, to: statusCode };
    throw conflict("The document is cancelled: its status can no longer change", { code: "document_cancelled" });
  }
  const wanted = type.statuses.find((s) => s.code === statusCode)!;
  if (options.byPerson && wanted.automatic) {
    throw new AppError(
      "conflict",
      `"${wanted.name}" is set by the process, not by hand`,
      [{ path: "status", message: "Automatic status" }],
      undefined,
      { code: "status_automatic", params: { status: wanted.name } },
    );
  }
  await repo.updateDocumentRow(trx, documentId, { statusCode, updatedAt: at });
  const from = statusOf(type, row.statusCode);
  const to = statusOf(type, statusCode);
  await work.audit({
    actorId: actor?.id ?? null,
    entityType: "document",
    entityId: documentId,
    action: "document.status_changed",
    details: { from, to, comment: comment ?? null },
  });
  return { changed: true, from: row.statusCode, to: statusCode };
}

/** `POST /api/documents/:id/status`: a person changes the status. */
export async function changeDocumentStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { status: string; comment?: string | null },
): Promise<Document> {
  await loadForChange(ctx, actor, id);
  await inTransaction(ctx, (work) => setDocumentStatus(work, actor, id, body.status, body.comment, { byPerson: true }));
  return presentOne(ctx.db, (await repo.findDocumentRow(ctx.db, id))!);
}

/** A new file for a document: the number stays, the version goes up, the drive entry follows. */
export async function addDocumentVersion(
  ctx: AppContext,
  actor: Actor | null,
  id: string,
  file: UploadedFile,
  /** WebDAV: the drive entry keeps the name the client knows it by (it may also be renamed back, see below). */
  options: { via?: "webdav"; driveName?: string; beforeCommit?: (trx: Trx) => Promise<void> } = {},
): Promise<Document> {
  const existing = await loadForChange(ctx, actor, id);
  if (existing.cancelledAt !== null)
    throw conflict("The document is cancelled: it takes no new versions", { code: "document_cancelled" });
  await blobStoreFor(ctx.config).commit(file);
  await inTransaction(ctx, async (work) => {
    const { trx, at } = work;
    // One atomic increment: concurrent uploads queue on the row lock and get versions n+1 and n+2.
    const next = await repo.bumpVersion(trx, id, {
      fileName: file.name,
      fileSize: file.size,
      mimeType: file.mimeType,
      sha256: file.sha256,
      updatedAt: at,
    });
    if (!next) throw notFound("Document not found");
    if (next.cancelledAt !== null)
      throw conflict("The document is cancelled: it takes no new versions", { code: "document_cancelled" });
    await repo.insertVersion(trx, versionRow(next, actor, at));
    const driveName = options.via
      ? (options.driveName ?? next.fileName)
      : driveFileName(next.number, next.title, next.fileName);
    // The first file of a reserved number: it gets its drive entry now and the document becomes active.
    const firstFile = next.driveFileId === "";
    if (firstFile) await fileReservedDocument(work, actor, next, driveName);
    else await updateDocumentFile(trx, next.driveFileId, { name: driveName, size: next.fileSize, at });
    await work.audit({
      actorId: actor?.id ?? null,
      entityType: "document",
      entityId: id,
      action: "document.version_added",
      details: {
        version: next.version,
        file: next.fileName,
        size: next.fileSize,
        sha256: next.sha256,
        ...(firstFile && { reservedNumberFilled: true }),
        ...(options.via && { via: options.via }),
      },
    });
    await options.beforeCommit?.(trx);
    await enqueueTextExtraction(work, id, next.version);
    await enqueueRendition(work, id, next.version);
  });
  return presentOne(ctx.db, (await repo.findDocumentRow(ctx.db, id))!);
}

/**
 * Links a document to a process item inside the caller's transaction (idempotent). With `by`, a history row
 * records who linked it (actorId null = automation).
 */
export async function linkDocumentToItem(
  work: Work,
  documentId: string,
  itemId: string,
  by?: { actorId: string | null },
): Promise<void> {
  await repo.linkItem(work.trx, documentId, itemId);
  if (!by) return;
  await work.audit({
    actorId: by.actorId,
    entityType: "document",
    entityId: documentId,
    action: "document.linked_to_item",
    details: { itemId },
  });
}

/**
 * `DELETE /api/documents/:id` (and DELETE over WebDAV): the document is archived, never erased. Its number, file,
 * versions and history stay; lists and the drive hide it unless asked for `?state=archived`.
 */
export async function archiveDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  via?: "webdav",
  reason?: string | null,
): Promise<Document> {
  const row = await loadForChange(ctx, actor, id);
  if (row.state === "archived") throw conflict("The document is already archived", { code: "document_archived" });
  await moveState(ctx, actor, row, "archived", "document.archived", { ...(via && { via }), ...(reason && { reason }) });
  return presentOne(ctx.db, (await repo.findDocumentRow(ctx.db, id))!);
}

/**
 * The state a document leaves the archive in: what it was before, which its columns still tell (a cancelled one
 * has `cancelledAt`, a reserved one no file yet).
 */
const stateBeforeArchive = (row: repo.DocumentRow): DocumentState =>
  row.cancelledAt !== null ? "cancelled" : hasFile(row) ? "active" : "reserved";

/** `POST /api/documents/:id/restore` (administrators): an archived document comes back in the state it had. */
export async function restoreDocument(ctx: AppContext, actor: Actor, id: string): Promise<Document> {
  const row = await requireVisibleDocument(ctx.db, documentViewer(ctx, actor), id);
  if (row.state !== "archived")
    throw conflict("Only an archived document can be restored", { code: "document_not_archived" });
  await moveState(ctx, actor, row, stateBeforeArchive(row), "document.restored");
  return presentOne(ctx.db, (await repo.findDocumentRow(ctx.db, id))!);
}

/**
 * `POST /api/documents/:id/cancel`: the document stays in the registry and the journal under its number, which is
 * never reused; its status is frozen from now on. An archived document is restored before it can be cancelled.
 */
export async function cancelDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { reason: string },
): Promise<Document> {
  const row = await loadForChange(ctx, actor, id);
  if (row.cancelledAt !== null) throw conflict("The document is already cancelled", { code: "document_cancelled" });
  if (row.state === "archived")
    throw conflict("Restore the document from the archive before cancelling it", { code: "document_archived" });
  await moveState(ctx, actor, row, "cancelled", "document.cancelled", { reason: body.reason }, (at) => ({
    cancelledAt: at,
    cancelReason: body.reason,
  }));
  return presentOne(ctx.db, (await repo.findDocumentRow(ctx.db, id))!);
}

async function moveState(
  ctx: AppContext,
  actor: Actor,
  row: repo.DocumentRow,
  to: DocumentState,
  action: string,
  details: Record<string, unknown> = {},
  alsoSet?: (at: string) => { cancelledAt?: string; cancelReason?: string },
): Promise<void> {
  await inTransaction(ctx, async ({ trx, at, audit }) => {
    // Guarded by the state it was read in: of two concurrent requests only one changes it and writes history.
    const changed = await repo.setDocumentState(trx, row.id, row.state, to, at, alsoSet?.(at));
    if (!changed) throw conflict("The document changed meanwhile; reload it", { code: "document_changed_meanwhile" });
    await audit({
      actorId: actor.id,
      entityType: "document",
      entityId: row.id,
      action,
      details: { from: row.state, to, ...details },
    });
  });
}

/** Gives a reserved number its first file: the drive entry in the folder chosen at reservation, state "active". */
async function fileReservedDocument(
  work: Work,
  actor: Actor | null,
  row: repo.DocumentRow,
  driveName: string,
): Promise<void> {
  const { trx, at } = work;
  const folderPath = (await folderPathsByIds(trx, [row.folderId])).get(row.folderId) ?? "/";
  const { fileId } = await fileDocument(trx, {
    folderPath,
    name: driveName,
    size: row.fileSize,
    documentId: row.id,
    by: actor?.id ?? null,
    at,
  });
  await repo.updateDocumentRow(trx, row.id, { driveFileId: fileId });
  // An archived reservation stays archived; its restore finds the file and comes back "active".
  await repo.setDocumentState(trx, row.id, "reserved", "active", at);
}

/**
 * WebDAV MOVE of a document's file: the drive entry gets the new folder and name, the number stays. A rename to
 * an office program's temporary name remembers the old name (`previousName`), so the save that follows lands as a
 * version of this document instead of a new one.
 */
export async function moveDocumentFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
  to: { folderId: string; folderPath: string; name: string; previousName: string | null },
  beforeCommit?: (trx: Trx) => Promise<void>,
): Promise<void> {
  const row = await loadForChange(ctx, actor, id);
  await inTransaction(ctx, async ({ trx, at, audit }) => {
    await repo.updateDocumentRow(trx, id, { folderId: to.folderId, updatedAt: at });
    await moveDriveEntry(trx, row.driveFileId, {
      folderId: to.folderId,
      name: to.name,
      previousName: to.previousName,
      at,
    });
    await audit({
      actorId: actor.id,
      entityType: "document",
      entityId: id,
      action: "document.file_moved",
      details: { folder: to.folderPath, name: to.name, via: "webdav" },
    });
    await beforeCommit?.(trx);
  });
}
