import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Indexes found missing by the benchmarks (bench/automation, bench/registry):
 * - The worker claims `order by run_at, id`; with an index on run_at alone every claim sorted all pending jobs
 *   that share a run_at (100,000 robots due together: a sort of up to 100,000 rows per batch of 50).
 * - The registry's "type + status" list walked the type's documents newest first and skipped the other statuses.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex("jobs_due_idx")
    .on("jobs")
    .columns(["run_at", "id"])
    .where(sql.ref("done_at"), "is", null)
    .execute();
  await db.schema.dropIndex("jobs_pending_idx").execute();
  await db.schema
    .createIndex("documents_type_status_idx")
    .on("documents")
    .columns(["type_id", "status_code", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.dropIndex("documents_type_status_idx").execute();
  await db.schema
    .createIndex("jobs_pending_idx")
    .on("jobs")
    .columns(["run_at"])
    .where(sql.ref("done_at"), "is", null)
    .execute();
  await db.schema.dropIndex("jobs_due_idx").execute();
}
