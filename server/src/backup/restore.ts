import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { sql, type Kysely } from "kysely";
import * as tar from "tar";
import type { DatabaseHandle } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { inRawTransaction } from "../db/work.js";
import { tablesInDependencyOrder, type BackupManifest } from "./backup.js";

const BATCH = 200;

export class RestoreError extends Error {}

/**
 * Restores an archive made by `createBackup` into an empty installation (any of the two databases): the schema is
 * migrated, rows are inserted parents first, every blob is checked against its name before it is kept.
 * Returns the manifest; the caller then rebuilds derived data (the search index).
 */
export async function restoreBackup(handle: DatabaseHandle, blobDir: string, file: string): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new RestoreError(`No such backup file: ${file}`);
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), "docket-restore-"));
  try {
    await tar.extract({ file, cwd: work, strict: true });
    const manifest = JSON.parse(await fsp.readFile(path.join(work, "manifest.json"), "utf8")) as BackupManifest;
    if (manifest.format !== "docket-backup" || manifest.formatVersion !== 1) {
      throw new RestoreError("Not a Docket backup (or a newer format than this version reads)");
    }
    await migrateToLatest(handle);
    const raw = handle.db.withoutPlugins() as unknown as Kysely<unknown>;
    await assertEmpty(raw, handle.dialect.name);

    const blobs = await restoreBlobs(path.join(work, "blobs"), blobDir);
    if (blobs !== manifest.blobs)
      throw new RestoreError(`Expected ${manifest.blobs} files in the archive, found ${blobs}`);
    await inRawTransaction(handle, async (trx) => {
      for (const table of INSTALLATION_STATE) await sql`delete from ${sql.table(table)}`.execute(trx);
      for (const { name, rows } of manifest.tables) {
        const inserted = await loadTable(trx, name, path.join(work, "tables", `${name}.jsonl`));
        if (inserted !== rows) throw new RestoreError(`Table ${name}: expected ${rows} rows, read ${inserted}`);
      }
    });
    return manifest;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}

/**
 * Written on the first start of any installation, so an empty one has them too; the backup's own replace them
 * (deliveries keep the signing key their receivers know).
 */
const INSTALLATION_STATE = ["installation_secrets"];

async function assertEmpty(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<void> {
  for (const table of await tablesInDependencyOrder(db, dialect)) {
    if (INSTALLATION_STATE.includes(table)) continue;
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    if (Number(rows[0]?.n ?? 0) > 0) {
      throw new RestoreError(
        `The target installation is not empty (table ${table} has rows); restore into an empty one`,
      );
    }
  }
}

async function loadTable(db: Kysely<unknown>, table: string, source: string): Promise<number> {
  if (!fs.existsSync(source)) return 0;
  const lines = readline.createInterface({ input: fs.createReadStream(source), crlfDelay: Infinity });
  let batch: Record<string, unknown>[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await (db as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(batch).execute();
    count += batch.length;
    batch = [];
  };
  for await (const line of lines) {
    if (line.trim() === "") continue;
    batch.push(JSON.parse(line) as Record<string, unknown>);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return count;
}

async function restoreBlobs(from: string, to: string): Promise<number> {
  if (!fs.existsSync(from)) return 0;
  let count = 0;
  for (const entry of await fsp.readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = path.join(entry.parentPath, entry.name);
    const actual = await hashFile(source);
    if (actual !== entry.name) throw new RestoreError(`File ${entry.name} in the archive is damaged (hash ${actual})`);
    const target = path.join(to, path.relative(from, source));
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.copyFile(source, target);
    count++;
  }
  return count;
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
