import type { Selectable } from "kysely";
import { compiledQuery } from "../../../db/compiled-query.js";
import type { Db } from "../../../db/database.js";
import type { DocumentRenditionsTable } from "./renditions.tables.js";

export type RenditionRow = Selectable<DocumentRenditionsTable>;

export const findRendition = (db: Db, documentId: string, version: number) =>
  db
    .selectFrom("documentRenditions")
    .selectAll()
    .where("documentId", "=", documentId)
    .where("version", "=", version)
    .executeTakeFirst();

/** The renditions of the given (document, version) pairs, without their text: one query for a page of documents. */
const renditionsOfDocuments = compiledQuery((db, p: { documentIds: string[] }) =>
  db
    .selectFrom("documentRenditions")
    .select(["documentId", "version", "state", "reason", "pages", "ocr", "pdfSha256", "thumbnailSha256", "updatedAt"])
    .where("documentId", "in", p.documentIds),
);

export async function renditionsOf(
  db: Db,
  keys: { id: string; version: number }[],
): Promise<Map<string, Omit<RenditionRow, "text">>> {
  const result = new Map<string, Omit<RenditionRow, "text">>();
  if (keys.length === 0) return result;
  const rows = await renditionsOfDocuments(db, { documentIds: keys.map((k) => k.id) });
  const wanted = new Map(keys.map((k) => [k.id, k.version]));
  for (const row of rows) if (wanted.get(row.documentId) === row.version) result.set(row.documentId, row);
  return result;
}

export async function saveRendition(db: Db, row: RenditionRow): Promise<void> {
  const { documentId: _d, version: _v, ...values } = row;
  await db
    .insertInto("documentRenditions")
    .values(row)
    .onConflict((oc) => oc.columns(["documentId", "version"]).doUpdateSet(values))
    .execute();
}

/** Every blob a rendition refers to (the garbage collector keeps them). */
export async function renditionHashes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("documentRenditions").select(["pdfSha256", "thumbnailSha256"]).execute();
  const hashes = new Set<string>();
  for (const row of rows) {
    if (row.pdfSha256) hashes.add(row.pdfSha256);
    if (row.thumbnailSha256) hashes.add(row.thumbnailSha256);
  }
  return hashes;
}
