import { sql, type Kysely } from "kysely";

/**
 * Documents gain a life-cycle state (issue 17 brings "archived"; "reserved" and "cancelled" come with number
 * reservation). Text with a default, so every existing document is "active" and both databases store it alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("documents")
    .addColumn("state", "text", (c) => c.notNull().defaultTo("active"))
    .execute();
  await db.schema.createIndex("documents_state_idx").on("documents").columns(["state", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("documents_state_idx").execute();
  await sql`alter table documents drop column state`.execute(db);
}
