import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/** Smart processes, robots, approvals and notifications (issue 4). */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await createProcessTables(db);
  await createAutomationTables(db);
  await createApprovalTables(db);
  await createNotificationTables(db);
}

async function createProcessTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("processes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("access", "text", (c) => c.notNull().defaultTo("all"))
    .addColumn("stages", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("process_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("process_id", "text", (c) => c.notNull().references("processes.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("stage_code", "text", (c) => c.notNull())
    .addColumn("stage_entry_id", "text", (c) => c.notNull())
    .addColumn("stage_entered_at", "text", (c) => c.notNull())
    .addColumn("initiator_id", "text", (c) => c.references("users.id"))
    .addColumn("responsible_id", "text", (c) => c.references("users.id"))
    .addColumn("company_id", "text", (c) => c.references("companies.id"))
    .addColumn("fields", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Kanban columns and "my items" lists are keyset scans, newest first.
  await db.schema
    .createIndex("process_items_stage_idx")
    .on("process_items")
    .columns(["process_id", "stage_code", "id"])
    .execute();
  await db.schema.createIndex("process_items_process_idx").on("process_items").columns(["process_id", "id"]).execute();
  for (const column of ["initiator_id", "responsible_id", "company_id"]) {
    await db.schema.createIndex(`process_items_${column}_idx`).on("process_items").column(column).execute();
  }

  await db.schema
    .createTable("item_observers")
    .addColumn("item_id", "text", (c) => c.notNull().references("process_items.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("item_observers_pk", ["item_id", "user_id"])
    .execute();
  await db.schema.createIndex("item_observers_user_idx").on("item_observers").columns(["user_id", "item_id"]).execute();

  await db.schema
    .createTable("stage_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("process_items.id"))
    .addColumn("stage_code", "text", (c) => c.notNull())
    .addColumn("from_stage_code", "text")
    .addColumn("entered_at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id"))
    .addColumn("robot_id", "text")
    .execute();
  await db.schema.createIndex("stage_entries_item_idx").on("stage_entries").columns(["item_id", "id"]).execute();
}

async function createAutomationTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("robots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("process_id", "text", (c) => c.notNull().references("processes.id"))
    .addColumn("stage_code", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("delay", "text")
    .addColumn("condition", "text")
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("robots_stage_idx")
    .on("robots")
    .columns(["process_id", "stage_code", "position"])
    .execute();

  await db.schema
    .createTable("robot_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("robot_id", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull().references("process_items.id"))
    .addColumn("stage_entry_id", "text", (c) => c.notNull().references("stage_entries.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .execute();
  // The guarantee that a robot never acts twice for one stage entry, whatever the workers do.
  await db.schema
    .createIndex("robot_runs_once_uq")
    .on("robot_runs")
    .columns(["robot_id", "stage_entry_id"])
    .unique()
    .execute();
  await db.schema.createIndex("robot_runs_item_idx").on("robot_runs").columns(["item_id", "id"]).execute();
}

async function createApprovalTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("approvals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("process_items.id"))
    .addColumn("robot_id", "text", (c) => c.notNull())
    .addColumn("stage_entry_id", "text", (c) => c.notNull().references("stage_entries.id"))
    .addColumn("stage_code", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("on_approve", "text", (c) => c.notNull())
    .addColumn("on_reject", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  await db.schema.createIndex("approvals_entry_idx").on("approvals").columns(["stage_entry_id", "state"]).execute();
  await db.schema.createIndex("approvals_item_idx").on("approvals").columns(["item_id", "state"]).execute();

  await db.schema
    .createTable("approval_tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("approval_id", "text", (c) => c.notNull().references("approvals.id"))
    .addColumn("item_id", "text", (c) => c.notNull().references("process_items.id"))
    .addColumn("approver_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  await db.schema
    .createIndex("approval_tasks_approver_idx")
    .on("approval_tasks")
    .columns(["approver_id", "state", "id"])
    .execute();
  await db.schema.createIndex("approval_tasks_approval_idx").on("approval_tasks").column("approval_id").execute();
  await db.schema
    .createIndex("approval_tasks_item_idx")
    .on("approval_tasks")
    .columns(["item_id", "approver_id"])
    .execute();
}

async function createNotificationTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("item_id", "text")
    .addColumn("read_at", "text")
    .addColumn("emailed_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "id"]).execute();
  // The unread badge is counted on every page load; a partial index keeps that count small.
  await db.schema
    .createIndex("notifications_unread_idx")
    .on("notifications")
    .columns(["user_id", "id"])
    .where(sql.ref("read_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = ["notifications", "approval_tasks", "approvals", "robot_runs", "robots", "stage_entries"];
  for (const table of [...tables, "item_observers", "process_items", "processes"]) {
    await db.schema.dropTable(table).execute();
  }
}
