import fsp from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/database.js";
import { renditionHashes } from "../modules/documents/index.js";
import { templateHashes } from "../modules/templates/index.js";

export interface GcResult {
  removed: number;
  bytesFreed: number;
  kept: number;
  tempRemoved: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Removes stored files that no document version or plain drive file refers to, and temporary upload files left by a crash.
 * Files younger than `graceMs` are kept: an upload stores its blob just before the transaction that names it
 * commits, so a fresh unreferenced blob may belong to a registration in flight.
 */
export async function collectGarbage(
  db: Db,
  blobDir: string,
  options: { graceMs?: number; dryRun?: boolean } = {},
): Promise<GcResult> {
  const graceMs = options.graceMs ?? 3_600_000;
  const cutoff = Date.now() - graceMs; // file times are wall-clock times
  const referenced = await referencedHashes(db);
  const result: GcResult = { removed: 0, bytesFreed: 0, kept: 0, tempRemoved: 0 };
  let entries;
  try {
    entries = await fsp.readdir(blobDir, { recursive: true, withFileTypes: true });
  } catch {
    return result; // no blob folder yet
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stat = await fsp.stat(file);
    const isTemp = path.relative(blobDir, file).startsWith(`tmp${path.sep}`);
    if (!isTemp && (!SHA256.test(entry.name) || referenced.has(entry.name))) {
      result.kept++;
      continue;
    }
    if (stat.mtimeMs > cutoff) {
      result.kept++;
      continue;
    }
    if (!options.dryRun) await fsp.rm(file, { force: true });
    if (isTemp) result.tempRemoved++;
    else {
      result.removed++;
      result.bytesFreed += stat.size;
    }
  }
  return result;
}

/** Hashes of every document version's file and of their renditions (previews, thumbnails). */
async function referencedHashes(db: Db): Promise<Set<string>> {
  const hashes = await renditionHashes(db);
  // Document templates, archived ones too (a generated document's history may point at its template).
  for (const hash of await templateHashes(db)) hashes.add(hash);
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("documentVersions")
      .select(["id", "sha256"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(10_000)
      .execute();
    for (const row of rows) hashes.add(row.sha256);
    if (rows.length < 10_000) break;
    after = rows[rows.length - 1]!.id;
  }
  // Plain drive files (put over WebDAV) hold their own bytes.
  after = "";
  for (;;) {
    const rows = await db
      .selectFrom("driveFiles")
      .select(["id", "sha256"])
      .where("sha256", "is not", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(10_000)
      .execute();
    for (const row of rows) if (row.sha256) hashes.add(row.sha256);
    if (rows.length < 10_000) break;
    after = rows[rows.length - 1]!.id;
  }
  // Frozen approval sheets: the exact bytes of a finished round, kept as long as the round is.
  const sheets = await db.selectFrom("approvals").select("sheetSha256").where("sheetSha256", "is not", null).execute();
  for (const row of sheets) if (row.sheetSha256) hashes.add(row.sheetSha256);
  return hashes;
}
