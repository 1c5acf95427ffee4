import { sql, type Kysely } from "kysely";

/**
 * Reserved and cancelled numbers (issue 16). A reserved document has no file yet: version 0, no drive entry, and
 * empty file columns (the columns stay NOT NULL, so no table rebuild on SQLite). A cancelled one remembers when and
 * why, which also tells a restore from the archive which state to go back to. The journal lists a type's numbers
 * by registration date, hence the (type, created_at) index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("documents").addColumn("cancelled_at", "text").execute();
  await db.schema.alterTable("documents").addColumn("cancel_reason", "text").execute();
  await db.schema
    .createIndex("documents_type_created_idx")
    .on("documents")
    .columns(["type_id", "created_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("documents_type_created_idx").execute();
  await sql`alter table documents drop column cancel_reason`.execute(db);
  await sql`alter table documents drop column cancelled_at`.execute(db);
}
