import type { Selectable, Updateable } from "kysely";
import { compiledQuery } from "../../db/compiled-query.js";
import type { Db } from "../../db/database.js";
import type { DocumentTypesTable } from "./documents.tables.js";
import { byNameAfter, type NameCursor } from "../../lib/pagination.js";

export type DocumentTypeRow = Selectable<DocumentTypesTable>;

const typeById = compiledQuery((db, p: { id: string }) =>
  db.selectFrom("documentTypes").selectAll().where("id", "=", p.id),
);

/** Compiled once: every registration reads its type. */
export const findType = async (db: Db, id: string) => (await typeById(db, { id }))[0];

export const findTypeByCode = (db: Db, code: string) =>
  db.selectFrom("documentTypes").selectAll().where("code", "=", code).executeTakeFirst();

const typesWithIds = compiledQuery((db, p: { ids: string[] }) =>
  db.selectFrom("documentTypes").selectAll().where("id", "in", p.ids),
);

export const findTypesByIds = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : typesWithIds(db, { ids });

export const listTypes = (db: Db, opts: { limit: number; after?: NameCursor }) =>
  db.selectFrom("documentTypes").selectAll().$call(byNameAfter(opts)).execute();

/** Current values of the given (type, period) counters, keyed "typeId/period"; a counter never drawn is absent. */
export async function counterValues(db: Db, keys: { typeId: string; period: string }[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom("documentCounters")
    .select(["typeId", "period", "value"])
    .where(
      "typeId",
      "in",
      keys.map((k) => k.typeId),
    )
    .execute();
  const wanted = new Set(keys.map((k) => `${k.typeId}/${k.period}`));
  return new Map(
    rows.map((r) => [`${r.typeId}/${r.period}`, Number(r.value)] as const).filter(([key]) => wanted.has(key)),
  );
}

export const insertType = (db: Db, row: DocumentTypeRow) => db.insertInto("documentTypes").values(row).execute();

export const updateTypeRow = (db: Db, id: string, patch: Updateable<DocumentTypesTable>) =>
  db.updateTable("documentTypes").set(patch).where("id", "=", id).execute();

/** Status codes of the type that documents currently hold, out of the given ones. */
export async function statusCodesInUse(db: Db, typeId: string, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom("documents")
    .select("statusCode")
    .distinct()
    .where("typeId", "=", typeId)
    .where("statusCode", "in", codes)
    .execute();
  return rows.map((r) => r.statusCode);
}
