import { Readable } from "node:stream";
import type { Document } from "@docket/common";
import { blobStoreFor, type ReceivedBlob } from "../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../context.js";
import { committedDurably } from "../../db/database.js";
import { inTransaction, type Work } from "../../db/work.js";
import { textSearchFor } from "../../db/text-search.js";
import { newId } from "../../lib/ids.js";
import { metrics } from "../../metrics/metrics.js";
import { fileDocument } from "../drive/index.js";
import { assertItemsLinkable, assertResponsible, companyNameOf } from "./document-references.js";
import { requireType, type LoadedType } from "./document-types.service.js";
import { validateFields } from "./document-fields.js";
import * as repo from "./documents.repository.js";
import { extractTextJob } from "./documents.jobs.js";
import { presentDocument } from "./documents.presenter.js";
import { enqueueRendition } from "./renditions/rendition-queue.js";
import { enqueueVersionJob } from "./version-job.js";
import { calendarParts, driveFileName, periodKey, renderFolderPath, renderNumber } from "@docket/common";

/** A file received from a client: hashed into a temporary file, not yet in the blob store. */
export interface UploadedFile extends ReceivedBlob {
  name: string;
  mimeType: string;
}

/**
 * A file made from the document's own number, inside the registration's transaction (a template filled with it):
 * the number is taken first, then the bytes are made and stored, and both commit or neither does.
 */
export interface GeneratedFile {
  name: string;
  mimeType: string;
  generate: (numbered: { number: string; at: string }) => Promise<Buffer>;
}

const isGenerated = (file: UploadedFile | GeneratedFile): file is GeneratedFile => "generate" in file;

export interface RegisterDocumentInput {
  typeId: string;
  title?: string | null;
  companyId?: string | null;
  responsibleId?: string | null;
  fields?: Record<string, unknown>;
  /** Process items to link the new document to, in the same transaction. */
  itemIds?: string[];
  file: UploadedFile | GeneratedFile;
  /** Filed where a WebDAV client put it, under its own name, instead of the type's folder and "{number} {title}". */
  placement?: { folderPath: string; driveName: string; via: "webdav" };
}

/** Queues text extraction for one version, once. */
export const enqueueTextExtraction = (work: Work, documentId: string, version: number) =>
  enqueueVersionJob(work, extractTextJob, documentId, version);

const titleFromFileName = (name: string) => name.replace(/\.[^.]*$/, "").trim() || name;

/**
 * Registers an uploaded file as a document: number, folder, drive entry, initial status, first version, item
 * links, search entry, history row and the text-extraction job, all in one transaction. `actor` null = automation.
 * The caller has authorized the actor; references (type, company, responsible, fields, items) are checked here.
 */
export async function registerDocument(
  ctx: AppContext,
  actor: Actor | null,
  input: RegisterDocumentInput,
  /** More writes of the caller's use case that must commit with the registration (e.g. the item's history row). */
  alongside?: (work: Work, document: Document) => Promise<void>,
): Promise<Document> {
  const prepared = await prepareRegistration(ctx, actor, input);
  const registered = await inTransaction(ctx, async (work) => {
    const document = await registerPrepared(ctx, work, actor, input, prepared);
    await alongside?.(work, document);
    return document;
  });
  // The caller answers 201 next: the bytes were fsynced before the transaction, the rows are made durable here
  // (on SQLite one WAL fsync shared by the registrations that committed meanwhile: a group commit).
  await committedDurably(ctx.db);
  return registered;
}

/** The same inside the caller's transaction (a robot filing a document it made); the bytes are stored first. */
export async function registerDocumentInWork(
  ctx: AppContext,
  work: Work,
  actor: Actor | null,
  input: RegisterDocumentInput,
): Promise<Document> {
  const prepared = await prepareRegistration({ ...ctx, db: work.trx }, actor, input);
  return registerPrepared(ctx, work, actor, input, prepared);
}

type Prepared = Awaited<ReturnType<typeof prepareRegistration>>;

async function prepareRegistration(ctx: AppContext, actor: Actor | null, input: RegisterDocumentInput) {
  const type = await requireType(ctx.db, input.typeId);
  const companyId = input.companyId ?? null;
  const responsibleId = input.responsibleId ?? null;
  const companyName = await companyNameOf(ctx, companyId);
  await assertResponsible(ctx, responsibleId);
  const fields = await validateFields(ctx.db, type.fields, input.fields ?? {});
  const itemIds = [...new Set(input.itemIds ?? [])];
  await assertItemsLinkable(ctx, actor, itemIds);
  // Stored before the transaction: a rollback leaves at worst an unreferenced blob, never a row without bytes.
  if (!isGenerated(input.file)) await blobStoreFor(ctx.config).commit(input.file);

  const now = ctx.clock.now();
  const at = now.toISOString();
  const parts = calendarParts(now, ctx.config.timeZone);
  const title = input.title?.trim() || titleFromFileName(input.file.name);
  const folderPath = input.placement?.folderPath ?? typeFolderPath(ctx, type, parts, companyName);
  const id = newId(now.getTime());
  return { type, companyId, responsibleId, fields, itemIds, at, parts, title, folderPath, id };
}

async function registerPrepared(
  ctx: AppContext,
  work: Work,
  actor: Actor | null,
  input: RegisterDocumentInput,
  { type, companyId, responsibleId, fields, itemIds, at, parts, title, folderPath, id }: Prepared,
): Promise<Document> {
  {
    const { trx } = work;
    const drawn = await drawNumber(trx, type, parts);
    const { number } = drawn;
    const file = isGenerated(input.file) ? await storeGenerated(ctx, input.file, { number, at }) : input.file;
    const { folder, fileId } = await fileDocument(trx, {
      folderPath,
      name: input.placement?.driveName ?? driveFileName(number, title, file.name),
      size: file.size,
      documentId: id,
      by: actor?.id ?? null,
      at,
    });
    const row = numberedRow(
      { id, type, drawn, title, companyId, responsibleId, folderId: folder.id, createdBy: actor?.id ?? null, at },
      {
        driveFileId: fileId,
        fileName: file.name,
        fileSize: file.size,
        mimeType: file.mimeType,
        sha256: file.sha256,
        version: 1,
        fields: JSON.stringify(fields),
        state: "active",
      },
    );
    await repo.insertDocument(trx, row);
    await repo.insertVersion(trx, versionRow(row, actor, at));
    for (const itemId of itemIds) await repo.linkItem(trx, id, itemId);
    await textSearchFor(ctx.dialect).index(trx, id, `${number} ${title}`, "", { isNew: true });
    await work.audit({
      actorId: actor?.id ?? null,
      entityType: "document",
      entityId: id,
      action: "document.registered",
      details: {
        number,
        title,
        status: row.statusCode,
        folder: folder.path,
        file: row.fileName,
        itemIds,
        ...(input.placement && { via: input.placement.via }),
      },
    });
    await enqueueTextExtraction(work, id, 1);
    await enqueueRendition(work, id, 1);
    const document = presentDocument(row, type, folder.path, itemIds);
    work.afterCommit(() => metrics.documentsRegistered.inc());
    return document;
  }
}

/** Stored while the transaction is open: a rollback leaves at worst an unreferenced blob (the collector's grace). */
async function storeGenerated(
  ctx: AppContext,
  file: GeneratedFile,
  numbered: { number: string; at: string },
): Promise<UploadedFile> {
  const store = blobStoreFor(ctx.config);
  const received = await store.receive(Readable.from([await file.generate(numbered)]));
  await store.commit(received);
  return { ...received, name: file.name, mimeType: file.mimeType };
}

/** Where the type files a document registered now for this company ("Договоры/{yyyy}/{company}"). */
export function typeFolderPath(
  ctx: AppContext,
  type: LoadedType,
  parts: ReturnType<typeof calendarParts>,
  companyName: string | null,
): string {
  const noCompany = ctx.config.locale === "ru" ? "Без контрагента" : "No company";
  return renderFolderPath(type.row.folderTemplate, {
    ...parts,
    type: type.row.name,
    company: companyName ?? noCompany,
  });
}

export interface DrawnNumber {
  number: string;
  period: string;
  seq: number;
}

/** The type's next number in the period of `parts`, from its counter row, in the caller's transaction. */
export async function drawNumber(
  trx: Work["trx"],
  type: LoadedType,
  parts: ReturnType<typeof calendarParts>,
): Promise<DrawnNumber> {
  const period = periodKey(type.row.numberingReset, parts);
  const seq = await repo.nextSeq(trx, type.row.id, period);
  return { number: renderNumber(type.row.numberingTemplate, parts, seq), period, seq };
}

/** A new document's row: what every numbered document starts with, and its file, fields and state. */
export function numberedRow(
  start: {
    id: string;
    type: LoadedType;
    drawn: DrawnNumber;
    title: string;
    companyId: string | null;
    responsibleId: string | null;
    folderId: string;
    createdBy: string | null;
    at: string;
  },
  content: Pick<
    repo.DocumentRow,
    "driveFileId" | "fileName" | "fileSize" | "mimeType" | "sha256" | "version" | "fields" | "state"
  >,
): repo.DocumentRow {
  return {
    id: start.id,
    typeId: start.type.row.id,
    ...start.drawn,
    title: start.title,
    companyId: start.companyId,
    responsibleId: start.responsibleId,
    statusCode: initialStatus(start.type),
    folderId: start.folderId,
    ...content,
    cancelledAt: null,
    cancelReason: null,
    createdBy: start.createdBy,
    createdAt: start.at,
    updatedAt: start.at,
  };
}

export function initialStatus(type: LoadedType): string {
  const initial = type.statuses.find((s) => s.initial) ?? type.statuses[0];
  if (!initial) throw new Error(`document type ${type.row.code} has no statuses`);
  return initial.code;
}

export const versionRow = (row: repo.DocumentRow, actor: Actor | null, at: string): repo.VersionRow => ({
  id: newId(),
  documentId: row.id,
  version: row.version,
  fileName: row.fileName,
  fileSize: row.fileSize,
  mimeType: row.mimeType,
  sha256: row.sha256,
  createdBy: actor?.id ?? null,
  createdAt: at,
});
