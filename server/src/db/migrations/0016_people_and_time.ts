import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/**
 * People and time (issue 15): departments with heads, a user's department, position and email mode, absences with a
 * deputy, administrators' edits of the production calendar, robots' `delayIn`, and who decided an approval task for
 * whom. Departments carry no foreign keys (a head is a user, a parent is a department) so that backup order stays a
 * tree: users → departments would otherwise be a cycle; the service checks those references instead.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("departments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("parent_id", "text")
    .addColumn("head_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("departments_parent_idx").on("departments").column("parent_id").execute();
  await db.schema.createIndex("departments_head_idx").on("departments").column("head_id").execute();

  await db.schema
    .alterTable("users")
    .addColumn("department_id", "text", (c) => c.references("departments.id"))
    .execute();
  await db.schema.alterTable("users").addColumn("position", "text").execute();
  await db.schema
    .alterTable("users")
    .addColumn("email_mode", "text", (c) => c.notNull().defaultTo("each"))
    .execute();
  await sql`update users set email_mode = 'off' where email_notifications = 0`.execute(db);
  await db.schema.createIndex("users_department_idx").on("users").column("department_id").execute();

  await db.schema
    .createTable("absences")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("deputy_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("from_at", "text", (c) => c.notNull())
    .addColumn("to_at", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("absences_user_idx").on("absences").columns(["user_id", "to_at"]).execute();
  await db.schema.createIndex("absences_deputy_idx").on("absences").columns(["deputy_id", "to_at"]).execute();

  await db.schema
    .createTable("calendar_years")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("holidays", "text", (c) => c.notNull())
    .addColumn("working_weekends", "text", (c) => c.notNull())
    .addColumn("short_days", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable("robots")
    .addColumn("delay_in", "text", (c) => c.notNull().defaultTo("calendar"))
    .execute();

  await db.schema
    .alterTable("approval_tasks")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("approval_tasks").addColumn("on_behalf_of", "text").execute();
}

export async function down(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("approval_tasks").dropColumn("on_behalf_of").execute();
  await db.schema.alterTable("approval_tasks").dropColumn("decided_by").execute();
  await db.schema.alterTable("robots").dropColumn("delay_in").execute();
  await db.schema.dropTable("calendar_years").execute();
  await db.schema.dropTable("absences").execute();
  await db.schema.dropIndex("users_department_idx").execute();
  await db.schema.alterTable("users").dropColumn("email_mode").execute();
  await db.schema.alterTable("users").dropColumn("position").execute();
  await db.schema.alterTable("users").dropColumn("department_id").execute();
  await db.schema.dropTable("departments").execute();
}
