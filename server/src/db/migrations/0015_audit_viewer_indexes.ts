import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/** The audit viewer lists the whole log newest first, or one person's actions: both walk an index, not the table. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex("audit_at_idx").on("audit_log").columns(["at", "id"]).execute();
  await db.schema.createIndex("audit_actor_idx").on("audit_log").columns(["actor_id", "at", "id"]).execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.dropIndex("audit_actor_idx").execute();
  await db.schema.dropIndex("audit_at_idx").execute();
}
