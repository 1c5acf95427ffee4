import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { tableDependencies } from "../src/db/dialect.js";
import type { TestApp } from "./harness.js";

/**
 * A fingerprint of the whole database: row count and a checksum of every table, to prove that a refused request
 * changed nothing. Bookkeeping that legitimately moves on every request is left out: sessions (last seen) and the
 * last use of an API token.
 */
export type DatabaseSnapshot = Record<string, { rows: number; sha256: string }>;

const SKIPPED_TABLES = new Set(["sessions"]);
const SKIPPED_COLUMNS: Record<string, string[]> = { api_tokens: ["lastUsedAt", "last_used_at"] };

let tableNames: Promise<string[]> | undefined;
let tableNamesOf: TestApp | undefined;

function tablesOf(t: TestApp): Promise<string[]> {
  if (!tableNames || tableNamesOf !== t) {
    tableNamesOf = t;
    tableNames = tableDependencies(t.ctx.db as never, t.ctx.dialect.name).then((deps) =>
      [...deps.keys()].filter((name) => !SKIPPED_TABLES.has(name)).sort(),
    );
  }
  return tableNames;
}

function canonical(value: unknown): string {
  if (Buffer.isBuffer(value)) return `b:${value.toString("hex")}`;
  if (value instanceof Date) return `d:${value.toISOString()}`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

export async function snapshotDatabase(t: TestApp): Promise<DatabaseSnapshot> {
  const snapshot: DatabaseSnapshot = {};
  for (const table of await tablesOf(t)) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.ctx.db);
    const skipped = SKIPPED_COLUMNS[table] ?? [];
    const lines = result.rows
      .map((row) => {
        const kept = Object.fromEntries(Object.entries(row).filter(([column]) => !skipped.includes(column)));
        return canonical(kept);
      })
      .sort();
    const hash = createHash("sha256");
    for (const line of lines) hash.update(line).update("\n");
    snapshot[table] = { rows: lines.length, sha256: hash.digest("hex") };
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots (empty when nothing changed). */
export function changedTables(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name]?.sha256 !== after[name]?.sha256).sort();
}

/** Every file under the blob directory (stored blobs and temporary uploads), relative to it. */
export function blobFiles(t: TestApp): string[] {
  const root = t.config.blobDir;
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}
