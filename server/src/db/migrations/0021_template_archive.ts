import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Deleting a template archives it: it leaves the list and can no longer be chosen, while documents generated from it
 * keep their history and its file stays in the blob store.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("document_templates").addColumn("archived_at", "text").execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("document_templates").dropColumn("archived_at").execute();
}
