import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Jobs that were given up on are kept, marked `failed_at`, with their reason in `last_error`, so an admin can see
 * them. Two indexes keep the worker's extra looks cheap at any queue size:
 * - claimed jobs whose process died (the sweep that fails a job out of attempts looks only at claimed rows);
 * - due jobs of one kind (a kind with its own concurrency is claimed separately from the robots queued before it).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("jobs").addColumn("failed_at", "text").execute();
  await db.schema
    .createIndex("jobs_claimed_idx")
    .on("jobs")
    .columns(["locked_until"])
    .where(sql<boolean>`done_at is null and locked_until is not null`)
    .execute();
  await db.schema
    .createIndex("jobs_kind_due_idx")
    .on("jobs")
    .columns(["kind", "run_at", "id"])
    .where(sql.ref("done_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("jobs_failed_idx")
    .on("jobs")
    .columns(["failed_at", "id"])
    .where(sql.ref("failed_at"), "is not", null)
    .execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.dropIndex("jobs_failed_idx").execute();
  await db.schema.dropIndex("jobs_kind_due_idx").execute();
  await db.schema.dropIndex("jobs_claimed_idx").execute();
  await db.schema.alterTable("jobs").dropColumn("failed_at").execute();
}
