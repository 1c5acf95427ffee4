import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * Approval rounds and process versions (issue 14).
 * - approvals: the round number per item, reapprove mode, deadline, the linked documents' versions at the round's
 *   start (JSON), and the sha256 of the round's frozen approval sheet.
 * - approval_tasks: order (sequential routes), the decision as given (approveWithRemarks, carried), the due time.
 * - processes.version, process_items.process_version and process_versions: every change of stages or robots is a
 *   version holding both; items run the robots of their own version.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("approvals")
    .addColumn("round", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("approvals")
    .addColumn("reapprove", "text", (c) => c.notNull().defaultTo("all"))
    .execute();
  await db.schema.alterTable("approvals").addColumn("deadline", "text").execute();
  await db.schema
    .alterTable("approvals")
    .addColumn("documents", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("approvals").addColumn("sheet_sha256", "text").execute();
  // Rounds of approvals asked before this migration: numbered per item in the order they were asked.
  await sql`update approvals set round = (select count(*) from approvals earlier
    where earlier.item_id = approvals.item_id and earlier.id <= approvals.id)`.execute(db);
  await db.schema.createIndex("approvals_item_round_idx").on("approvals").columns(["item_id", "round"]).execute();

  await db.schema
    .alterTable("approval_tasks")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("approval_tasks").addColumn("decision", "text").execute();
  await db.schema.alterTable("approval_tasks").addColumn("due_at", "text").execute();
  await sql`update approval_tasks set decision = 'approve' where state = 'approved'`.execute(db);
  await sql`update approval_tasks set decision = 'reject' where state = 'rejected'`.execute(db);
  await db.schema
    .createIndex("approval_tasks_decider_idx")
    .on("approval_tasks")
    .columns(["decided_by", "id"])
    .execute();

  await db.schema
    .alterTable("processes")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("process_items")
    .addColumn("process_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable("process_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("process_id", "text", (c) => c.notNull().references("processes.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("stages", "text", (c) => c.notNull())
    .addColumn("robots", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("process_versions_process_version_uq")
    .on("process_versions")
    .columns(["process_id", "version"])
    .unique()
    .execute();

  // Version 1 of every existing process: its stages and robots as they are now.
  const processes = await sql<{ id: string; stages: string; created_at: string }>`
    select id, stages, created_at from processes`.execute(db);
  for (const process of processes.rows) {
    const robots = await sql<Record<string, unknown>>`
      select * from robots where process_id = ${process.id} order by stage_code, position, id`.execute(db);
    await sql`insert into process_versions (id, process_id, version, stages, robots, created_by, created_at)
      values (${`${process.id}-v1`}, ${process.id}, 1, ${process.stages}, ${JSON.stringify(robots.rows.map(robotSnapshot))},
      null, ${process.created_at})`.execute(db);
  }
}

/** A robots row in the shape the service snapshots (camelCase), so a version reads the same whoever wrote it. */
function robotSnapshot(row: Record<string, unknown>) {
  return {
    id: row.id,
    processId: row.process_id,
    stageCode: row.stage_code,
    position: Number(row.position),
    name: row.name ?? null,
    kind: row.kind,
    delay: row.delay ?? null,
    delayIn: row.delay_in ?? "calendar",
    condition: row.condition ?? null,
    params: row.params,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable("process_versions").execute();
  await db.schema.alterTable("process_items").dropColumn("process_version").execute();
  await db.schema.alterTable("processes").dropColumn("version").execute();
  await db.schema.dropIndex("approval_tasks_decider_idx").execute();
  for (const column of ["due_at", "decision", "position"])
    await db.schema.alterTable("approval_tasks").dropColumn(column).execute();
  await db.schema.dropIndex("approvals_item_round_idx").execute();
  for (const column of ["sheet_sha256", "documents", "deadline", "reapprove", "round"])
    await db.schema.alterTable("approvals").dropColumn(column).execute();
}
