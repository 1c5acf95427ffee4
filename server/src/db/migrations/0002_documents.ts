import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";
import { textSearchFor } from "../text-search.js";

/** Document registry and shared drive (issue 3). Every list is a keyset scan over an (x, id) index. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await createDriveTables(db);
  await createTypeTables(db);
  await createDocumentTables(db);
  await textSearchFor(dialect).createIndex(db);
}

async function createDriveTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("drive_folders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("parent_id", "text", (c) => c.references("drive_folders.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("drive_folders_parent_idx").on("drive_folders").columns(["parent_id", "name"]).execute();

  await db.schema
    .createTable("drive_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("folder_id", "text", (c) => c.notNull().references("drive_folders.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("document_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("drive_files_folder_idx")
    .on("drive_files")
    .columns(["folder_id", "name", "id"])
    .execute();
  await db.schema.createIndex("drive_files_document_idx").on("drive_files").column("document_id").execute();
}

async function createTypeTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("document_types")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("folder_template", "text", (c) => c.notNull())
    .addColumn("numbering_template", "text", (c) => c.notNull())
    .addColumn("numbering_reset", "text", (c) => c.notNull())
    .addColumn("statuses", "text", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("access", "text", (c) => c.notNull().defaultTo("all"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("document_counters")
    .addColumn("type_id", "text", (c) => c.notNull().references("document_types.id"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("value", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_counters_pk", ["type_id", "period"])
    .execute();
}

async function createDocumentTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type_id", "text", (c) => c.notNull().references("document_types.id"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("company_id", "text", (c) => c.references("companies.id"))
    .addColumn("responsible_id", "text", (c) => c.references("users.id"))
    .addColumn("status_code", "text", (c) => c.notNull())
    .addColumn("folder_id", "text", (c) => c.notNull().references("drive_folders.id"))
    .addColumn("drive_file_id", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_size", "bigint", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // The last line of defence against a repeated number, whatever happens above it.
  await db.schema.createIndex("documents_number_uq").on("documents").columns(["type_id", "number"]).unique().execute();
  // `q` matches a number exactly; with this index "number = q OR id IN (text matches)" starts from the matches.
  await db.schema.createIndex("documents_number_idx").on("documents").column("number").execute();
  // Newest first is "id desc" (UUIDv7); each filter gets an (x, id) index so a page is one range scan.
  for (const column of ["type_id", "company_id", "status_code", "responsible_id", "created_by"]) {
    await db.schema.createIndex(`documents_${column}_idx`).on("documents").columns([column, "id"]).execute();
  }

  await db.schema
    .createTable("document_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_size", "bigint", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_versions_uq")
    .on("document_versions")
    .columns(["document_id", "version"])
    .unique()
    .execute();

  await db.schema
    .createTable("document_items")
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_items_pk", ["document_id", "item_id"])
    .execute();
  await db.schema
    .createIndex("document_items_item_idx")
    .on("document_items")
    .columns(["item_id", "document_id"])
    .execute();

  await db.schema
    .createTable("document_texts")
    .addColumn("document_id", "text", (c) => c.primaryKey().references("documents.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await textSearchFor(dialect).dropIndex(db);
  const tables = ["document_texts", "document_items", "document_versions", "documents", "document_counters"];
  for (const table of [...tables, "document_types", "drive_files", "drive_folders"]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
