import type { Kysely } from "kysely";

/** The registry's filter indexes, each followed by `id` (newest first) and now `state`. */
const INDEXES: [name: string, filter: string[]][] = [
  ["documents_type_id_idx", ["type_id"]],
  ["documents_company_id_idx", ["company_id"]],
  ["documents_status_code_idx", ["status_code"]],
  ["documents_type_status_idx", ["type_id", "status_code"]],
];

/**
 * Every registry list and count hides archived documents (`state != 'archived'`, since 0014). With `state` outside
 * these indexes each candidate row was read from the table: counting a type and status at 1,000,000 documents read
 * 10,000 rows (60 ms, I/O-bound on a large file). With `state` after `id`, the count reads the index alone and the
 * page keeps its newest-first order.
 */
export function up(db: Kysely<unknown>): Promise<void> {
  return recreateIndexes(db, ["id", "state"]);
}

export function down(db: Kysely<unknown>): Promise<void> {
  return recreateIndexes(db, ["id"]);
}

async function recreateIndexes(db: Kysely<unknown>, after: string[]): Promise<void> {
  for (const [name, filter] of INDEXES) {
    await db.schema.dropIndex(name).execute();
    await db.schema
      .createIndex(name)
      .on("documents")
      .columns([...filter, ...after])
      .execute();
  }
}
