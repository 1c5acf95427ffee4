import type { DocumentSortKey, DocumentState } from "@docket/common";
import {
  expressionBuilder,
  sql,
  type Expression,
  type RawBuilder,
  type SelectQueryBuilder,
  type Selectable,
  type SqlBool,
  type Updateable,
} from "kysely";
import { isAdmin, type Actor } from "../../context.js";
import { compiledQuery, everyColumn } from "../../db/compiled-query.js";
import type { Db } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import type { TextMatch } from "../../db/text-search.js";
import type { Trx } from "../../db/work.js";
import {
  canChangeDocument,
  canSeeDocument,
  type DocumentParticipantsFilter,
  type DocumentsEb,
  type DocumentViewer,
} from "./document-visibility.js";
import type { DocumentsTable, DocumentVersionsTable } from "./documents.tables.js";
import type { DocumentRenditionsTable } from "./renditions/renditions.tables.js";

export type DocumentRow = Selectable<DocumentsTable>;
export type VersionRow = Selectable<DocumentVersionsTable>;

/**
 * Draws the next number of a (type, period) counter. The upsert locks the counter row until the registering
 * transaction ends, so concurrent registrations queue here and a rolled-back one gives its number back.
 */
const drawSeq = compiledQuery((db, p: { typeId: string; period: string }) =>
  db
    .insertInto("documentCounters")
    .values({ typeId: p.typeId, period: p.period, value: 1 })
    .onConflict((oc) =>
      oc.columns(["typeId", "period"]).doUpdateSet((eb) => ({ value: eb("documentCounters.value", "+", 1) })),
    )
    .returning("value"),
);

export async function nextSeq(trx: Trx, typeId: string, period: string): Promise<number> {
  const [row] = await drawSeq(trx, { typeId, period });
  if (!row) throw new Error("the counter returned no value");
  return Number(row.value);
}

const insertDocumentRow = compiledQuery((db, row: DocumentRow) => db.insertInto("documents").values(row));
export const insertDocument = (db: Db, row: DocumentRow) => insertDocumentRow(db, row);

export const updateDocumentRow = (db: Db, id: string, patch: Updateable<DocumentsTable>) =>
  db.updateTable("documents").set(patch).where("id", "=", id).execute();

export const bumpVersion = (
  trx: Trx,
  id: string,
  file: Pick<DocumentRow, "fileName" | "fileSize" | "mimeType" | "sha256" | "updatedAt">,
) =>
  trx
    .updateTable("documents")
    .set((eb) => ({ ...file, version: eb("documents.version", "+", 1) }))
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();

const insertVersionRow = compiledQuery((db, row: VersionRow) => db.insertInto("documentVersions").values(row));
export const insertVersion = (db: Db, row: VersionRow) => insertVersionRow(db, row);

export const findVersion = (db: Db, documentId: string, version: number) =>
  db
    .selectFrom("documentVersions")
    .selectAll()
    .where("documentId", "=", documentId)
    .where("version", "=", version)
    .executeTakeFirst();

export const findDocumentRow = (db: Db, id: string) =>
  db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();

/**
 * One document read by id (`read`), for whoever may see it: absent and hidden look the same. Compiled once per kind
 * of viewer: administrators and automation see every document, so their query has no visibility condition at all; for
 * anyone else there is one query per set of participant filters (a process has one: the composition root's), with
 * only the actor's id bound at run time.
 */
function visibleDocumentRead<TB extends keyof Database, O>(
  read: (db: Db, id: string) => SelectQueryBuilder<Database, TB | "documents", O>,
) {
  const any = compiledQuery((db, p: { id: string }) => read(db, p.id));
  const compileSeenBy = (participants: readonly DocumentParticipantsFilter[]) =>
    compiledQuery((db, p: { id: string; actorId: string }) =>
      read(db, p.id).where(
        canSeeDocument({ actor: { id: p.actorId, role: "user", name: "" }, participants })(
          expressionBuilder<Database, "documents">(),
        ),
      ),
    );
  const seenByQueries = new WeakMap<readonly DocumentParticipantsFilter[], ReturnType<typeof compileSeenBy>>();
  return (db: Db, { actor, participants }: DocumentViewer, id: string): Promise<O[]> => {
    if (actor === null || isAdmin(actor)) return any(db, { id });
    let seenBy = seenByQueries.get(participants);
    if (!seenBy) seenByQueries.set(participants, (seenBy = compileSeenBy(participants)));
    return seenBy(db, { id, actorId: actor.id });
  };
}

const readVisibleDocument = visibleDocumentRead((db, id) =>
  db.selectFrom("documents").selectAll().where("id", "=", id),
);

/** The document if the viewer may see it; undefined otherwise (absent and hidden look the same). */
export async function findVisibleDocument(
  db: Db,
  viewer: DocumentViewer,
  id: string,
): Promise<DocumentRow | undefined> {
  return (await readVisibleDocument(db, viewer, id))[0];
}

/** Every column of `documents`, by name (see `everyColumn`). */
const DOCUMENT_COLUMNS = everyColumn<DocumentsTable>({
  id: true,
  typeId: true,
  number: true,
  period: true,
  seq: true,
  title: true,
  companyId: true,
  responsibleId: true,
  statusCode: true,
  folderId: true,
  driveFileId: true,
  fileName: true,
  fileSize: true,
  mimeType: true,
  sha256: true,
  version: true,
  fields: true,
  state: true,
  cancelledAt: true,
  cancelReason: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
}).map((column) => `documents.${column}` as const);

/**
 * A document with what its card shows besides its row, read in the same statement: its type's statuses (JSON), its
 * folder's path, its current version's rendition (null columns when it has none yet) and its item links (`itemId`:
 * one row per link, in id order; a single row with null when it has none).
 */
export interface DocumentWithCardRow extends DocumentRow {
  typeStatuses: string | null;
  folderPath: string | null;
  itemId: string | null;
  renditionState: RenditionRow["state"] | null;
  renditionReason: string | null;
  renditionPages: number | null;
  renditionOcr: number | null;
  renditionThumbnailSha256: string | null;
}
type RenditionRow = Selectable<DocumentRenditionsTable>;

const selectDocumentWithCard = (db: Db, id: string) =>
  db
    .selectFrom("documents")
    .leftJoin("documentTypes", "documentTypes.id", "documents.typeId")
    .leftJoin("driveFolders", "driveFolders.id", "documents.folderId")
    .leftJoin("documentRenditions", (join) =>
      join
        .onRef("documentRenditions.documentId", "=", "documents.id")
        .onRef("documentRenditions.version", "=", "documents.version"),
    )
    .leftJoin("documentItems", "documentItems.documentId", "documents.id")
    .select(DOCUMENT_COLUMNS)
    .select([
      "documentTypes.statuses as typeStatuses",
      "driveFolders.path as folderPath",
      "documentItems.itemId",
      "documentRenditions.state as renditionState",
      "documentRenditions.reason as renditionReason",
      "documentRenditions.pages as renditionPages",
      "documentRenditions.ocr as renditionOcr",
      "documentRenditions.thumbnailSha256 as renditionThumbnailSha256",
    ])
    .where("documents.id", "=", id)
    .orderBy("documentItems.itemId");

const readVisibleDocumentWithCard = visibleDocumentRead(selectDocumentWithCard);

/** `findVisibleDocument` with what the document's card shows, in one statement (`GET /api/documents/:id`). */
export async function findVisibleDocumentWithCard(
  db: Db,
  viewer: DocumentViewer,
  id: string,
): Promise<{ row: DocumentWithCardRow; itemIds: string[] } | undefined> {
  const rows = await readVisibleDocumentWithCard(db, viewer, id);
  const [first] = rows;
  if (!first) return undefined;
  return { row: first, itemIds: first.itemId === null ? [] : rows.map((row) => row.itemId!) };
}

export async function actorMayChange(db: Db, viewer: DocumentViewer, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("documents")
    .select("id")
    .where("id", "=", id)
    .where(canChangeDocument(viewer))
    .executeTakeFirst();
  return row !== undefined;
}

export interface DocumentFilters {
  typeId?: string;
  companyId?: string;
  status?: string;
  itemId?: string;
  /** Absent: every state but "archived". */
  state?: DocumentState;
  /** The `q` match from text-search.ts, already built. */
  text?: TextMatch;
}

/** The sort key of a registry column; ties are broken by id in the same direction, so the order is total. */
const SORT_KEYS: Record<DocumentSortKey, RawBuilder<string> | null> = {
  // Ids are UUIDv7 made from the registration time: id order is creation order, and every filter index ends in id.
  createdAt: null,
  number: sql<string>`documents.number`,
  title: sql<string>`documents.title`,
  status: sql<string>`documents.status_code`,
  company: sql<string>`coalesce((select c.name from companies c where c.id = documents.company_id), '')`,
};

export interface DocumentOrder {
  key: DocumentSortKey;
  descending: boolean;
}

/** Where the previous page ended: its last row's sort key (null when sorting by id alone) and id. */
export interface DocumentListCursor {
  key: string | number | null;
  id: string;
}

/** The types of the documents the list would show (the registry export makes a column per field of each). */
export async function typeIdsOfDocuments(
  db: Db,
  viewer: DocumentViewer<Actor>,
  filters: DocumentFilters,
): Promise<string[]> {
  const rows = await filteredDocuments(db, viewer, filters).select("documents.typeId").distinct().execute();
  return rows.map((r) => r.typeId);
}

/** The registry's filters and the actor's visibility: one condition for the list and for everything built on it. */
function filteredDocuments(db: Db, viewer: DocumentViewer<Actor>, filters: DocumentFilters) {
  return db
    .selectFrom("documents")
    .where((eb) =>
      eb.and([conditionsBesidesText(eb, viewer, filters), ...(filters.text ? [filters.text.condition] : [])]),
    );
}

function conditionsBesidesText(
  eb: DocumentsEb,
  viewer: DocumentViewer<Actor>,
  filters: DocumentFilters,
): Expression<SqlBool> {
  const conditions = [canSeeDocument(viewer)(eb)];
  if (filters.typeId) conditions.push(eb("documents.typeId", "=", filters.typeId));
  if (filters.companyId) conditions.push(eb("documents.companyId", "=", filters.companyId));
  conditions.push(filters.state ? eb("documents.state", "=", filters.state) : eb("documents.state", "!=", "archived"));
  if (filters.status) conditions.push(eb("documents.statusCode", "=", filters.status));
  if (filters.itemId) {
    // "id in (…)" rather than a correlated EXISTS: the planner starts from the item's few links, not from every row.
    const itemId = filters.itemId;
    conditions.push(
      eb(
        "documents.id",
        "in",
        eb.selectFrom("documentItems").select("documentItems.documentId").where("documentItems.itemId", "=", itemId),
      ),
    );
  }
  return eb.and(conditions);
}

/**
 * The ids of the newest `limit` documents matching `text` and the other filters, below the id `before`: the union
 * of each way of matching, each stopping early (text-search.ts), so a common word does not read all its matches.
 */
function newestMatchingIds(
  viewer: DocumentViewer<Actor>,
  filters: DocumentFilters,
  text: TextMatch,
  limit: number,
  before?: string,
) {
  const where = conditionsBesidesText(expressionBuilder<Database, "documents">(), viewer, filters);
  const sources = text.newest(where, limit, before);
  return sql<{ id: string }>`${sql.join(
    sources.map((source) => sql`select id from (${source}) as m`),
    sql` union `,
  )}`;
}

/**
 * One page of the registry in the requested order, keyset-paged on (sort key, id): each row carries its `sortKey`
 * for the next cursor. Newest first (the default) is id order, one range scan of a filter's (x, id) index.
 */
export function listDocumentRows(
  db: Db,
  viewer: DocumentViewer<Actor>,
  filters: DocumentFilters,
  page: { limit: number; order: DocumentOrder; after?: DocumentListCursor },
): Promise<(DocumentRow & { sortKey: string | null })[]> {
  const key = SORT_KEYS[page.order.key];
  const text = filters.text;
  if (text && key === null && page.order.descending) {
    const ids = newestMatchingIds(viewer, filters, text, page.limit + 1, page.after?.id);
    return db
      .selectFrom("documents")
      .selectAll("documents")
      .select(sql<null>`null`.as("sortKey"))
      .where(sql<SqlBool>`documents.id in (${ids})`)
      .orderBy("documents.id", "desc")
      .limit(page.limit + 1)
      .execute();
  }
  const dir = page.order.descending ? "desc" : "asc";
  const beyond = page.order.descending ? sql`<` : sql`>`;
  let query = filteredDocuments(db, viewer, filters)
    .selectAll("documents")
    .select(key ? key.as("sortKey") : sql<null>`null`.as("sortKey"));
  if (key) query = query.orderBy(key, dir);
  query = query.orderBy("documents.id", dir).limit(page.limit + 1);
  const after = page.after;
  if (after && key) {
    const afterKey = String(after.key ?? "");
    query = query.where(
      sql<SqlBool>`(${key} ${beyond} ${afterKey} or (${key} = ${afterKey} and documents.id ${beyond} ${after.id}))`,
    );
  } else if (after) {
    query = query.where(sql<SqlBool>`documents.id ${beyond} ${after.id}`);
  }
  return query.execute();
}

/** How many documents pass the filters, counting no further than `cap` rows (so a huge registry is never scanned). */
export async function countDocumentRows(
  db: Db,
  viewer: DocumentViewer<Actor>,
  filters: DocumentFilters,
  cap: number,
): Promise<number> {
  if (filters.text) {
    const inIndex = await countedInIndex(db, viewer.actor, filters, filters.text, cap);
    if (inIndex !== undefined) return inIndex;
    // Each way of matching stops at `cap`: their union is exact below the cap and reaches it above.
    const ids = newestMatchingIds(viewer, filters, filters.text, cap);
    const { rows } = await sql<{ n: number }>`select count(*) as n from (${ids}) as matching`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }
  const limited = filteredDocuments(db, viewer, filters).select("documents.id").limit(cap);
  const row = await db
    .selectFrom(limited.as("matching"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const itemLinks = compiledQuery((db, p: { documentIds: string[] }) =>
  db
    .selectFrom("documentItems")
    .select(["documentId", "itemId"])
    .where("documentId", "in", p.documentIds)
    .orderBy("itemId"),
);

/**
 * An administrator's search of the whole registry hides only archived documents, so it can be counted in the index
 * without reading a document: exactly when none is archived, and as "at least `cap`" when the index matches `cap`
 * more documents than are archived. Undefined when that does not settle it.
 */
async function countedInIndex(
  db: Db,
  actor: Actor,
  filters: DocumentFilters,
  text: TextMatch,
  cap: number,
): Promise<number | undefined> {
  const { typeId, companyId, status, itemId, state } = filters;
  if (!isAdmin(actor) || typeId || companyId || status || itemId || state) return undefined;
  const archived = await db
    .selectFrom(
      db.selectFrom("documents").select("documents.id").where("documents.state", "=", "archived").limit(cap).as("a"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const hidden = Number(archived.n);
  if (hidden === 0 && !text.beyondIndex) return text.countIndexed(db, cap);
  if (hidden < cap && (await text.countIndexed(db, cap + hidden)) >= cap + hidden) return cap;
  return undefined;
}

export async function itemIdsByDocument(db: Db, documentIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(documentIds.map((id) => [id, []]));
  if (documentIds.length === 0) return result;
  const rows = await itemLinks(db, { documentIds });
  for (const row of rows) result.get(row.documentId)?.push(row.itemId);
  return result;
}

/** What a kanban card shows of a linked document: its number and its `amount` field, where its type has one. */
export interface ItemDocumentSummary {
  id: string;
  number: string;
  amount: number | null;
}

/** Each item's documents that the viewer may open (null = automation: all), oldest first, in one query. */
export async function documentSummariesByItem(
  db: Db,
  itemIds: string[],
  viewer: DocumentViewer,
): Promise<Map<string, ItemDocumentSummary[]>> {
  const result = new Map<string, ItemDocumentSummary[]>(itemIds.map((id) => [id, []]));
  if (itemIds.length === 0) return result;
  const rows = await db
    .selectFrom("documentItems")
    .innerJoin("documents", "documents.id", "documentItems.documentId")
    .select(["documentItems.itemId", "documents.id", "documents.number", "documents.fields"])
    .where("documentItems.itemId", "in", itemIds)
    .where((eb) => canSeeDocument(viewer)(eb))
    .orderBy("documentItems.documentId")
    .execute();
  for (const row of rows) {
    const amount = Number((JSON.parse(row.fields) as Record<string, unknown>).amount ?? Number.NaN);
    result.get(row.itemId)?.push({ id: row.id, number: row.number, amount: Number.isFinite(amount) ? amount : null });
  }
  return result;
}

/** Of these document ids, the ones the viewer may open. */
export async function visibleDocumentIds(db: Db, viewer: DocumentViewer<Actor>, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .selectFrom("documents")
    .select("documents.id")
    .where("documents.id", "in", unique)
    .where((eb) => canSeeDocument(viewer)(eb))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export const linkItem = (db: Db, documentId: string, itemId: string) =>
  db
    .insertInto("documentItems")
    .values({ documentId, itemId })
    .onConflict((oc) => oc.columns(["documentId", "itemId"]).doNothing())
    .execute();

export const unlinkItem = (db: Db, documentId: string, itemId: string) =>
  db.deleteFrom("documentItems").where("documentId", "=", documentId).where("itemId", "=", itemId).execute();

export const documentsOfItem = (db: Db, itemId: string) =>
  db
    .selectFrom("documents")
    .innerJoin("documentItems", "documentItems.documentId", "documents.id")
    .selectAll("documents")
    .where("documentItems.itemId", "=", itemId)
    .orderBy("documents.id")
    .execute();

export async function countDocumentsOfCompany(db: Db, companyId: string): Promise<number> {
  const row = await db
    .selectFrom("documents")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("companyId", "=", companyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The searchable text of each document's current version, as the search index has it: the rendition's text (OCR,
 * office conversion) where there is one, else the text extracted from the file.
 */
export async function searchableTexts(
  db: Db,
  rows: Pick<DocumentRow, "id" | "version">[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (rows.length === 0) return result;
  const ids = rows.map((r) => r.id);
  const [extracted, rendered] = await Promise.all([
    db.selectFrom("documentTexts").select(["documentId", "text"]).where("documentId", "in", ids).execute(),
    db
      .selectFrom("documentRenditions")
      .select(["documentId", "version", "text"])
      .where("documentId", "in", ids)
      .where("text", "is not", null)
      .execute(),
  ]);
  for (const row of extracted) result.set(row.documentId, row.text);
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  for (const row of rendered)
    if (row.text !== null && versions.get(row.documentId) === row.version) result.set(row.documentId, row.text);
  return result;
}

export const findText = (db: Db, documentId: string) =>
  db.selectFrom("documentTexts").selectAll().where("documentId", "=", documentId).executeTakeFirst();

export async function saveText(
  db: Db,
  row: { documentId: string; version: number; state: "done" | "failed" | "unsupported"; text: string; at: string },
): Promise<void> {
  const values = { version: row.version, state: row.state, text: row.text, updatedAt: row.at };
  await db
    .insertInto("documentTexts")
    .values({ documentId: row.documentId, ...values })
    .onConflict((oc) => oc.column("documentId").doUpdateSet(values))
    .execute();
}

/** Moves a document from one state to another; false when it was no longer in `from`. */
export async function setDocumentState(
  db: Db,
  id: string,
  from: DocumentState,
  to: DocumentState,
  at: string,
  alsoSet: Pick<Updateable<DocumentsTable>, "cancelledAt" | "cancelReason"> = {},
): Promise<boolean> {
  const result = await db
    .updateTable("documents")
    .set({ ...alsoSet, state: to, updatedAt: at })
    .where("id", "=", id)
    .where("state", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Every number of a type registered in [fromIso, toIso), whatever its state: the registration journal. In number
 * order: by counter period, then by the counter's value (the (type, created_at) index finds the period's rows).
 */
export const journalRows = (db: Db, typeId: string, fromIso: string, toIso: string) =>
  db
    .selectFrom("documents")
    .selectAll()
    .where("typeId", "=", typeId)
    .where("createdAt", ">=", fromIso)
    .where("createdAt", "<", toIso)
    .orderBy("period")
    .orderBy("seq")
    .execute();
