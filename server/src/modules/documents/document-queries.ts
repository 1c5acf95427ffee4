import {
  DOCUMENT_TOTAL_CAP,
  type Document,
  type DocumentList,
  type DocumentListItem,
  type DocumentSort,
  type DocumentSortKey,
  type HistoryEntry,
  type ListDocumentsQuery,
} from "@docket/common";
import type { Readable } from "node:stream";
import { blobStoreFor } from "../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { documentViewer, type DocumentViewer } from "./document-visibility.js";
import { textSearchFor } from "../../db/text-search.js";
import { notFound } from "../../lib/errors.js";
import { decodeCursor, encodeCursor } from "../../lib/pagination.js";
import { listHistory } from "../audit/index.js";
import { companyIdsMatching, getCompany } from "../crm/index.js";
import { documentMatch } from "./document-match.js";
import * as repo from "./documents.repository.js";
import { hasFile, presentDocuments, presentDocumentWithCard } from "./documents.presenter.js";

export async function getDocument(ctx: AppContext, actor: Actor, id: string): Promise<Document> {
  const found = await repo.findVisibleDocumentWithCard(ctx.db, documentViewer(ctx, actor), id);
  if (!found) throw notFound("Document not found");
  return presentDocumentWithCard(found.row, found.itemIds);
}

/** The document if the viewer may see it, or 404 (absent and hidden look the same). */
export async function requireVisibleDocument(db: Db, viewer: DocumentViewer, id: string): Promise<repo.DocumentRow> {
  const row = await repo.findVisibleDocument(db, viewer, id);
  if (!row) throw notFound("Document not found");
  return row;
}

/** The file of the document's `version` (its current one when none is named), or 404 for a version it never had. */
export async function requireVersionFile(
  db: Db,
  row: repo.DocumentRow,
  version: number | undefined,
): Promise<repo.DocumentRow | repo.VersionRow> {
  const file = version === undefined || version === row.version ? row : await repo.findVersion(db, row.id, version);
  if (!file) throw notFound(`Document has no version ${version}`);
  return file;
}

/**
 * The list filters of `GET /api/documents` as repository conditions: the one place that reads them (the registry,
 * the company card and the export all come through here). `q` matches number, title and file text, and the
 * documents of companies whose name or INN contains it.
 */
export async function documentFilters(
  ctx: AppContext,
  query: Omit<ListDocumentsQuery, "limit" | "cursor" | "sort">,
): Promise<repo.DocumentFilters> {
  const q = query.q?.trim() || undefined;
  return {
    typeId: query.typeId,
    companyId: query.companyId,
    status: query.status,
    itemId: query.itemId,
    state: query.state,
    text:
      q === undefined
        ? undefined
        : await textSearchFor(ctx.dialect).matches(
            ctx.db,
            q,
            query.companyId ? [] : await companyIdsMatching(ctx.db, q),
          ),
  };
}

/** `sort=-title` → title, descending; the default is newest first. */
export function documentOrderFrom(sort: DocumentSort | undefined): repo.DocumentOrder {
  const value = sort ?? "-createdAt";
  const descending = value.startsWith("-");
  return { key: (descending ? value.slice(1) : value) as DocumentSortKey, descending };
}

export async function listDocuments(ctx: AppContext, actor: Actor, query: ListDocumentsQuery): Promise<DocumentList> {
  const cursor = decodeCursor(query.cursor);
  const q = query.q?.trim() || undefined;
  const filters = await documentFilters(ctx, query);
  const [rows, counted] = await Promise.all([
    repo.listDocumentRows(ctx.db, documentViewer(ctx, actor), filters, {
      limit: query.limit,
      order: documentOrderFrom(query.sort),
      after: cursor,
    }),
    repo.countDocumentRows(ctx.db, documentViewer(ctx, actor), filters, DOCUMENT_TOTAL_CAP + 1),
  ]);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const presented: DocumentListItem[] = await presentDocuments(ctx.db, items);
  if (q !== undefined) {
    const texts = await repo.searchableTexts(ctx.db, items);
    items.forEach((row, i) => {
      const match = documentMatch(row, texts.get(row.id), q);
      if (match) presented[i] = { ...presented[i]!, match };
    });
  }
  return {
    items: presented,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
    total: Math.min(counted, DOCUMENT_TOTAL_CAP),
    totalCapped: counted > DOCUMENT_TOTAL_CAP,
  };
}

/** The company card's Documents tab: same shape and rules as the registry, one company. */
export async function listCompanyDocuments(
  ctx: AppContext,
  actor: Actor,
  companyId: string,
  query: ListDocumentsQuery,
): Promise<DocumentList> {
  await getCompany(ctx, companyId);
  return listDocuments(ctx, actor, { ...query, companyId });
}

export async function documentHistory(ctx: AppContext, actor: Actor, id: string): Promise<{ items: HistoryEntry[] }> {
  await requireVisibleDocument(ctx.db, documentViewer(ctx, actor), id);
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
  const row = await requireVisibleDocument(ctx.db, documentViewer(ctx, actor), id);
  if (!hasFile(row)) throw notFound("The number is reserved: no file has been uploaded yet");
  const file = await requireVersionFile(ctx.db, row, version);
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
