import { sql, type Kysely, type RawBuilder } from "kysely";

export type DialectName = "sqlite" | "postgres";

/**
 * Every SQLite/PostgreSQL difference the code relies on lives here, so the rest of the code stays portable.
 * Portable schema rules: text UUIDv7 ids, ISO-8601 UTC timestamps as text (they sort as text), 0/1 integers
 * for booleans, JSON as text.
 */
export interface Dialect {
  name: DialectName;
  /** Suffix for a SELECT that claims rows other workers must skip (PostgreSQL); SQLite has a single writer. */
  skipLocked: RawBuilder<unknown>;
  /** Whether the driver returns BIGINT/COUNT results as strings that must be converted. */
  countAsString: boolean;
  /**
   * How many write transactions one process usefully runs at once: SQLite has a single writer; on PostgreSQL a
   * transaction mostly waits for its round trips, so a worker runs several batches side by side.
   */
  parallelWrites: number;
  /**
   * Whether a WITH may hold an insert or update (PostgreSQL): two writes that depend on each other go in one statement,
   * one round trip instead of two. SQLite runs them one after the other (in-process, no round trip to save).
   */
  writesInWith: boolean;
  /**
   * Whether SELECT … FOR UPDATE locks rows (PostgreSQL): it writes no new row version, where a no-op update writes one
   * and an entry in each of the table's indexes. SQLite has no row locks; a transaction takes the database's write
   * lock with its first write, so there a no-op update is the lock.
   */
  selectForUpdate: boolean;
  /**
   * Run in the transaction of the worker's claim of a batch, before it (PostgreSQL): during a burst the planner's
   * estimate of the due jobs lags far behind (4 rows estimated with 20,000 due), so it picks a bitmap scan that reads
   * every due job and every dead index entry finished jobs left behind, then sorts them all for 50; the ordered scan of
   * the pending jobs' index stops at 50. SQLite plans that scan anyway.
   */
  claimPlan: RawBuilder<unknown> | null;
}

export function dialectFor(name: DialectName): Dialect {
  if (name === "postgres") {
    return {
      name,
      skipLocked: sql`for update skip locked`,
      countAsString: true,
      parallelWrites: 4,
      writesInWith: true,
      selectForUpdate: true,
      claimPlan: sql`set local enable_bitmapscan = off`,
    };
  }
  return {
    name,
    skipLocked: sql``,
    countAsString: false,
    parallelWrites: 1,
    writesInWith: false,
    selectForUpdate: false,
    claimPlan: null,
  };
}

/** Application tables (not Kysely's own) and, for each, the tables its foreign keys point at. */
export async function tableDependencies(db: Kysely<unknown>, dialect: DialectName): Promise<Map<string, string[]>> {
  const deps = new Map<string, string[]>();
  if (dialect === "sqlite") {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'create virtual%'
      and name not like 'kysely_%'`.execute(db);
    for (const { name } of tables.rows) {
      const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
      deps.set(
        name,
        fks.rows.map((r) => r.table),
      );
    }
    return deps;
  }
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(db);
  for (const { name } of tables.rows) deps.set(name, []);
  const fks = await sql<{ child: string; parent: string }>`
    select tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu
      on ccu.constraint_name = tc.constraint_name and ccu.constraint_schema = tc.constraint_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  for (const { child, parent } of fks.rows) deps.get(child)?.push(parent);
  return deps;
}

export const toBool = (value: number | boolean | null | undefined): boolean => value === 1 || value === true;
export const fromBool = (value: boolean): number => (value ? 1 : 0);
