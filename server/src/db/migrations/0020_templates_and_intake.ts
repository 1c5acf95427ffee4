import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Document templates (DOCX with placeholders, generated into numbered documents) and email intake: one row per
 * message taken from the mailbox, unique by Message-ID, written in the same transaction as the documents it
 * registered, so a message is registered once whatever crashes happen between registering and moving it.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("document_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type_id", "text", (c) => c.notNull().references("document_types.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("placeholders", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("document_templates_type_idx").on("document_templates").column("type_id").execute();

  await db.schema
    .createTable("intake_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("subject", "text")
    .addColumn("sender", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("company_id", "text")
    .addColumn("document_ids", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("intake_messages_received_idx").on("intake_messages").column("received_at").execute();

  await db.schema
    .createTable("intake_status")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("last_poll_at", "text")
    .addColumn("last_success_at", "text")
    .addColumn("last_error", "text")
    .execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("intake_status").execute();
  await db.schema.dropTable("intake_messages").execute();
  await db.schema.dropTable("document_templates").execute();
}
