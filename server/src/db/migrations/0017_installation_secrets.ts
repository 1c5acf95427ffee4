import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Secrets generated once per installation (the webhook HMAC key when DOCKET_WEBHOOK_SECRET is unset). They live in
 * the database so that every process of the installation signs alike, a restart keeps them, and a backup carries them.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("installation_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("installation_secrets").execute();
}
