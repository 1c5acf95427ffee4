import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Comments on items and documents (issue 20), listed per target oldest first, hence the (target, id) index; and the
 * document a notification is about, beside the item it already names, so the bell can say what every notification
 * is about and group them by it.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("mention_ids", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("comments_target_idx")
    .on("comments")
    .columns(["target_type", "target_id", "id"])
    .execute();
  await db.schema.alterTable("notifications").addColumn("document_id", "text").execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("notifications").dropColumn("document_id").execute();
  await db.schema.dropTable("comments").execute();
}
