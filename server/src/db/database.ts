import fs from "node:fs";
import path from "node:path";
import type SqliteDatabase from "better-sqlite3";
import {
  CamelCasePlugin,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type PostgresPool,
  type PostgresPoolClient,
} from "kysely";
import type pg from "pg";
import { preparedStatementName } from "./compiled-query.js";
import { dialectFor, type Dialect } from "./dialect.js";
import { WalGroupCommit } from "./durability.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL only: a pool for LISTEN/NOTIFY and other raw needs. */
  pgPool?: pg.Pool;
  /** PostgreSQL only: the schema named by `?schema=` (tests, several installations in one database). */
  schema?: string;
  /** SQLite only: the raw connection (online backup). */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

/**
 * `sqlite:<path>` (or `sqlite::memory:`) or `postgres://…` (an optional `?schema=` selects the search_path).
 * Only the driver of that database is loaded (pg alone is ~3 MB of heap an SQLite installation never uses).
 */
export async function createDatabase(url: string): Promise<DatabaseHandle> {
  if (url.startsWith("sqlite:")) return openSqlite(url.slice("sqlite:".length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new Error(`Unsupported database URL: ${url.replace(/\/\/[^@]*@/, "//***@")}`);
}

async function openSqlite(file: string): Promise<DatabaseHandle> {
  const { default: SqliteDatabase } = await import("better-sqlite3");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 10000");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
  if (file === ":memory:") return { db, dialect: dialectFor("sqlite"), sqlite, close: () => db.destroy() };
  const groupCommit = new WalGroupCommit(path.resolve(file));
  groupCommits.set(db, groupCommit);
  const close = async () => {
    await db.destroy();
    await groupCommit.close();
  };
  return { db, dialect: dialectFor("sqlite"), sqlite, close };
}

const groupCommits = new WeakMap<Db, WalGroupCommit>();

/**
 * Resolves once every transaction this database handle committed before the call is on the disk. PostgreSQL's COMMIT
 * already waits for its WAL flush (synchronous_commit on); a SQLite file shares one fsync among concurrent callers.
 */
export function committedDurably(db: Db): Promise<void> {
  return groupCommits.get(db)?.durable() ?? Promise.resolve();
}

/**
 * Kysely prepares every SQLite statement anew, which costs more than running it; the same SQL text is reused
 * here. Safe because Kysely runs one statement at a time on this single connection.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, capacity = 1000) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: pg } = await import("pg");
  // COUNT(*) and BIGINT come back as strings from pg; our counts fit comfortably in a JS number.
  pg.types.setTypeParser(20, (value) => Number(value));
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error("The ?schema= of DATABASE_URL must be a plain identifier");
  parsed.searchParams.delete("schema");
  // No JIT: it compiles any plan whose estimate is high, and the newest-first walk of a search (a LIMIT over a
  // per-row probe) is estimated as if it read every row; compiling it took 0.8 s of a 0.5 s query.
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    options: `-c jit=off${schema ? ` -c search_path=${schema}` : ""}`,
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: preparingCompiledQueries(pool) }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, dialect: dialectFor("postgres"), pgPool: pool, schema: schema ?? undefined, close: () => db.destroy() };
}

/**
 * Kysely's pg driver sends every statement unnamed, so PostgreSQL parses and plans it on every run; the statements
 * compiled once (`compiledQuery`: a robot's lock and claim, its update, the history rows) run here as named prepared
 * statements instead: each connection parses one once, and plans it once when PostgreSQL finds its generic plan as cheap
 * as the custom ones of its first five runs (pg keeps track of which statements a connection has prepared).
 */
function preparingCompiledQueries(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const preparing = (client: pg.PoolClient): PostgresPoolClient => ({
    // A cursor (Kysely's stream) passes through as it is.
    query: ((text: string, values?: unknown[]) => {
      const name = typeof text === "string" ? preparedStatementName(text) : undefined;
      return name ? client.query({ name, text, values }) : client.query(text, values);
    }) as unknown as PostgresPoolClient["query"],
    release: (destroy) => client.release(destroy),
  });
  return {
    async connect() {
      const client = await pool.connect();
      // Kysely keeps one connection object per client it is given: the same client, the same wrapper.
      let wrapped = clients.get(client);
      if (!wrapped) clients.set(client, (wrapped = preparing(client)));
      return wrapped;
    },
    end: () => pool.end(),
  };
}
