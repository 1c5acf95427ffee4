import { sql, type Kysely } from "kysely";

/**
 * WebDAV (issue 17): plain drive files carry their own bytes (documents keep theirs in document_versions);
 * dead properties and locks live in the database so any app process answers for any client.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("drive_files").addColumn("sha256", "text").execute();
  await db.schema.alterTable("drive_files").addColumn("mime_type", "text").execute();
  await db.schema.alterTable("drive_files").addColumn("created_by", "text").execute();
  // Set while a document's file sits under a temporary name during an office program's save-by-rename.
  await db.schema.alterTable("drive_files").addColumn("previous_name", "text").execute();
  await db.schema.createIndex("drive_files_sha256_idx").on("drive_files").column("sha256").execute();

  await db.schema
    .createTable("dav_properties")
    .addColumn("resource_id", "text", (c) => c.notNull())
    .addColumn("namespace", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("xml", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dav_properties_pk", ["resource_id", "namespace", "name"])
    .execute();

  await db.schema
    .createTable("dav_locks")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("depth", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("owner_xml", "text")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("timeout_seconds", "integer", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("dav_locks_path_idx").on("dav_locks").column("path").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table dav_locks`.execute(db);
  await sql`drop table dav_properties`.execute(db);
  await db.schema.dropIndex("drive_files_sha256_idx").execute();
  for (const column of ["previous_name", "created_by", "mime_type", "sha256"]) {
    await sql`alter table drive_files drop column ${sql.ref(column)}`.execute(db);
  }
}
