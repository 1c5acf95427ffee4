import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import * as tar from "tar";
import type { DatabaseHandle } from "../db/database.js";
import { tableDependencies } from "../db/dialect.js";
import { inRawTransaction } from "../db/work.js";
import { VERSION } from "../version.js";

/** Derived search tables are rebuilt on restore from the stored text, not carried in the archive. */
export const isDerivedTable = (name: string) => name.startsWith("document_search");

export interface BackupManifest {
  format: "docket-backup";
  formatVersion: 1;
  docketVersion: string;
  createdAt: string;
  sourceDatabase: string;
  tables: { name: string; rows: number }[];
  blobs: number;
}

const PAGE = 2000;

/** Parents before children, so a restore can insert table by table with foreign keys on. */
export async function tablesInDependencyOrder(db: Kysely<unknown>, dialect: "sqlite" | "postgres"): Promise<string[]> {
  const deps = await tableDependencies(db, dialect);
  const ordered: string[] = [];
  const visit = (name: string, trail: Set<string>) => {
    if (ordered.includes(name) || trail.has(name)) return;
    trail.add(name);
    for (const parent of deps.get(name) ?? []) if (parent !== name) visit(parent, trail);
    ordered.push(name);
  };
  for (const name of [...deps.keys()].sort()) visit(name, new Set());
  return ordered.filter((name) => !isDerivedTable(name));
}

/**
 * A consistent online backup: every table is read inside one read transaction (a snapshot on both databases) into
 * JSON lines, then the blobs are copied. Blobs are immutable and written before the row that names them commits,
 * so every blob the snapshot refers to is already on disk when they are copied.
 */
export async function createBackup(handle: DatabaseHandle, blobDir: string, file: string): Promise<BackupManifest> {
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), "docket-backup-"));
  try {
    const tables: BackupManifest["tables"] = [];
    await fsp.mkdir(path.join(work, "tables"));
    await inRawTransaction(
      handle,
      async (trx) => {
        for (const name of await tablesInDependencyOrder(trx, handle.dialect.name)) {
          tables.push({ name, rows: await dumpTable(trx, name, path.join(work, "tables", `${name}.jsonl`)) });
        }
      },
      { snapshot: true },
    );
    const blobs = await copyBlobs(blobDir, path.join(work, "blobs"));
    const manifest: BackupManifest = {
      format: "docket-backup",
      formatVersion: 1,
      docketVersion: VERSION,
      createdAt: new Date().toISOString(),
      sourceDatabase: handle.dialect.name,
      tables,
      blobs,
    };
    await fsp.writeFile(path.join(work, "manifest.json"), JSON.stringify(manifest, null, 2));
    const partial = `${file}.partial`;
    await tar.create({ file: partial, cwd: work, gzip: true, portable: true }, ["manifest.json", "tables", "blobs"]);
    await fsp.rename(partial, file); // a reader never sees half an archive
    return manifest;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}

async function dumpTable(db: Kysely<unknown>, table: string, target: string): Promise<number> {
  const out = fs.createWriteStream(target);
  let rows = 0;
  let offset = 0;
  try {
    for (;;) {
      // Ordered by every row's full text would be costly; the primary key (or rowid order) is stable in a snapshot.
      const page = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table)} order by 1 limit ${PAGE} offset ${offset}`.execute(db);
      for (const row of page.rows) {
        if (!out.write(`${JSON.stringify(row)}\n`))
          await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      rows += page.rows.length;
      offset += PAGE;
      if (page.rows.length < PAGE) break;
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
  return rows;
}

async function copyBlobs(from: string, to: string): Promise<number> {
  let count = 0;
  await fsp.mkdir(to, { recursive: true });
  if (!fs.existsSync(from)) return 0;
  for (const entry of await fsp.readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/^[0-9a-f]{64}$/.test(entry.name)) continue; // skips tmp/ uploads in flight
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(to, path.relative(from, source));
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.copyFile(source, target);
    count++;
  }
  return count;
}
