import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { DatabaseHandle } from "./database.js";
import { migrations } from "./migrations/index.js";

/** Brings the schema up to date; safe to call on every start (and from several processes: Kysely takes a lock). */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const provider: MigrationProvider = {
    getMigrations: () => {
      const result: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) {
        result[name] = {
          up: (db: Kysely<unknown>) => m.up(db, handle.dialect),
          down: m.down ? (db: Kysely<unknown>) => m.down!(db, handle.dialect) : undefined,
        };
      }
      return Promise.resolve(result);
    },
  };
  // Migrations write snake_case names themselves, so they run on a Kysely without the CamelCasePlugin.
  const raw = handle.db.withoutPlugins() as unknown as Kysely<unknown>;
  // Kysely looks for its own tables by name across all schemas; pin it to ours or it finds another schema's.
  // Features land from parallel branches, so a migration numbered below one already applied must still run.
  const migrator = new Migrator({
    db: raw,
    provider,
    migrationTableSchema: handle.schema,
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Migrations this code has that the database has not applied (the readiness probe's "schema is current"). */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db.withoutPlugins());
  const applied = new Set(rows.map((row) => row.name));
  return Object.keys(migrations).filter((name) => !applied.has(name));
}
