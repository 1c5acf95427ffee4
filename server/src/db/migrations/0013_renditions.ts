import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Renditions (issue 13): per document version, the PDF shown in the browser (null = the stored file itself is that
 * PDF), its first-page thumbnail and, for office files and OCR'd scans, the text read from the rendition.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("document_renditions")
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("pages", "integer")
    .addColumn("ocr", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("pdf_sha256", "text")
    .addColumn("thumbnail_sha256", "text")
    .addColumn("text", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_renditions_pk", ["document_id", "version"])
    .execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await sql`drop table document_renditions`.execute(db);
}
