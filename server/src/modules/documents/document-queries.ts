import type { Document, HistoryEntry, ListDocumentsQuery } from "@docket/common";
import type { Readable } from "node:stream";
import { blobStoreFor } from "../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../context.js";
import { textSearchFor } from "../../db/text-search.js";
import { notFound } from "../../lib/errors.js";
import { decodeCursor, encodeCursor, type Page } from "../../lib/pagination.js";
import { listHistory } from "../audit/index.js";
import { getCompany } from "../crm/index.js";
import * as repo from "./documents.repository.js";
import { hasFile, presentDocuments, presentOne } from "./documents.presenter.js";

export async function getDocument(ctx: AppContext, actor: Actor, id: string): Promise<Document> {
  const row = await repo.findVisibleDocument(ctx.db, actor, id);
  if (!row) throw notFound("Document not found");
  return presentOne(ctx.db, row);
}

/** The registry's query string as repository filters (the list and the export read the same). */
export function documentFilters(
  ctx: AppContext,
  query: Omit<ListDocumentsQuery, "limit" | "cursor">,
): repo.DocumentFilters {
  const q = query.q?.trim() || undefined;
  return {
    typeId: query.typeId,
    companyId: query.companyId,
    status: query.status,
    itemId: query.itemId,
    state: query.state,
    text: q === undefined ? undefined : textSearchFor(ctx.dialect).matches(q),
  };
}

export async function listDocuments(ctx: AppContext, actor: Actor, query: ListDocumentsQuery): Promise<Page<Document>> {
  const cursor = decodeCursor(query.cursor);
  const rows = await repo.listDocumentRows(ctx.db, actor, documentFilters(ctx, query), {
    limit: query.limit,
    beforeId: cursor?.id,
  });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: await presentDocuments(ctx.db, items),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ key: null, id: last.id }) : null,
  };
}

/** The company card's Documents tab: same shape and rules as the registry, one company. */
export async function listCompanyDocuments(
  ctx: AppContext,
  actor: Actor,
  companyId: string,
  query: ListDocumentsQuery,
): Promise<Page<Document>> {
  await getCompany(ctx, companyId);
  return listDocuments(ctx, actor, { ...query, companyId });
}

export async function documentHistory(ctx: AppContext, actor: Actor, id: string): Promise<{ items: HistoryEntry[] }> {
  const row = await repo.findVisibleDocument(ctx.db, actor, id);
  if (!row) throw notFound("Document not found");
  const entries = await listHistory(ctx.db, "document", id);
  return { items: entries.map((e) => ({ at: e.at, actor: e.actor, action: e.action, details: e.details })) };
}

export interface DocumentFileStream {
  stream: Readable;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  version: number;
}

/** The bytes of the current (or a given) version, checked against their hash before the first byte is sent. */
export async function openDocumentFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version?: number,
): Promise<DocumentFileStream> {
  const row = await repo.findVisibleDocument(ctx.db, actor, id);
  if (!row) throw notFound("Document not found");
  if (!hasFile(row)) throw notFound("The number is reserved: no file has been uploaded yet");
  const file = version === undefined || version === row.version ? row : await repo.findVersion(ctx.db, id, version);
  if (!file) throw notFound(`Document has no version ${version}`);
  const stream = await blobStoreFor(ctx.config)
    .openVerified(file.sha256)
    .catch((error: unknown) => {
      // A damaged or missing blob is an operator's emergency, not a client error: say it loudly.
      ctx.log.error({ err: error, documentId: id, sha256: file.sha256 }, "document file failed its integrity check");
      throw error;
    });
  return {
    stream,
    name: file.fileName,
    size: Number(file.fileSize),
    mimeType: file.mimeType,
    sha256: file.sha256,
    version: version ?? row.version,
  };
}
