import type { Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import type { Trx } from "../../db/work.js";
import type { DocumentTemplatesTable } from "./templates.tables.js";

export type TemplateRow = Selectable<DocumentTemplatesTable>;

export const activeTemplates = (db: Db) =>
  db
    .selectFrom("documentTemplates")
    .selectAll()
    .where("archivedAt", "is", null)
    .orderBy("name")
    .orderBy("id")
    .execute();

export const findTemplate = (db: Db, id: string) =>
  db.selectFrom("documentTemplates").selectAll().where("id", "=", id).executeTakeFirst();

export const insertTemplate = (trx: Trx, row: TemplateRow) => trx.insertInto("documentTemplates").values(row).execute();

export const archiveTemplate = (trx: Trx, id: string, at: string) =>
  trx.updateTable("documentTemplates").set({ archivedAt: at }).where("id", "=", id).execute();

/** Every template's file, archived ones included: the blob collector keeps them. */
export async function templateHashes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("documentTemplates").select("sha256").execute();
  return new Set(rows.map((r) => r.sha256));
}
