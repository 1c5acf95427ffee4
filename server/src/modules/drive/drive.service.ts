import type { DriveFolder, DriveListing } from "@docket/common";
import { isAdmin, nowIso, type Actor, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { inTransaction, type Trx } from "../../db/work.js";
import { badRequest, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, toPage } from "../../lib/pagination.js";
import { documentViewer, normalizePath, restrictedFolderRoots, sanitizeName } from "../documents/index.js";
import * as repo from "./drive.repository.js";

const presentFolder = (row: repo.FolderRow): DriveFolder => ({ id: row.id, name: row.name, path: row.path });

/** A path typed by a person: "/"-separated names, none of them "." or "..", each a clean name. */
export function parseDrivePath(raw: string): string {
  const segments = raw.split("/").filter((s) => s.trim() !== "");
  for (const segment of segments) {
    const name = segment.trim();
    if (name === "." || name === ".." || sanitizeName(name) !== name) {
      throw badRequest("Invalid path", [{ path: "path", message: `"${segment}" is not a valid folder name` }]);
    }
  }
  return normalizePath(segments.join("/"));
}

export async function browseDrive(
  ctx: AppContext,
  actor: Actor,
  query: { path: string; limit: number; cursor?: string },
): Promise<DriveListing> {
  const path = parseDrivePath(query.path);
  const viewer = documentViewer(ctx, actor);
  // A folder the caller may not see answers like one that does not exist.
  const folder = path === "/" ? null : await repo.findVisibleFolderByPath(ctx.db, path, viewer);
  if (folder === undefined) throw notFound(`No folder ${path}`);
  const cursor = decodeCursor(query.cursor);
  const [folders, files] = await Promise.all([
    repo.listChildFolders(ctx.db, folder?.id ?? null, viewer),
    folder
      ? repo.listFolderFiles(ctx.db, viewer, folder.id, {
          limit: query.limit,
          after: cursor ? { name: String(cursor.key), id: cursor.id } : undefined,
        })
      : Promise.resolve([]),
  ]);
  const page = toPage(files, query.limit, (f) => ({ key: f.name, id: f.id }));
  return {
    path,
    folders: (await visibleFolders(ctx, actor, folders)).map(presentFolder),
    files: page.items.map((f) => ({ id: f.id, name: f.name, size: Number(f.size), documentId: f.documentId })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The drive shows everyone every folder, except below the fixed part of a participants-only type's folder
 * ("/Договоры/2026" for "Договоры/{yyyy}"): there a folder shows only to someone who can see something in it.
 */
export async function folderVisibleTo(
  ctx: Pick<AppContext, "db" | "hooks">,
  actor: Actor,
  folder: Pick<repo.FolderRow, "path" | "createdBy">,
  roots?: string[],
): Promise<boolean> {
  if (isAdmin(actor)) return true;
  const restricting = (roots ?? (await restrictedFolderRoots(ctx.db))).filter((r) => r !== "/");
  if (!restricting.some((root) => folder.path.startsWith(`${root}/`))) return true;
  if (folder.createdBy === actor.id) return true;
  return repo.treeHasSomethingFor(ctx.db, documentViewer(ctx, actor), folder.path);
}

export async function visibleFolders<F extends Pick<repo.FolderRow, "path" | "createdBy">>(
  ctx: Pick<AppContext, "db" | "hooks">,
  actor: Actor,
  folders: F[],
): Promise<F[]> {
  if (isAdmin(actor) || folders.length === 0) return folders;
  const roots = await restrictedFolderRoots(ctx.db);
  const shown = await Promise.all(folders.map((f) => folderVisibleTo(ctx, actor, f, roots)));
  return folders.filter((_f, i) => shown[i]);
}

export async function createDriveFolder(
  ctx: AppContext,
  actor: Actor,
  rawPath: string,
): Promise<{ folder: DriveFolder; created: boolean }> {
  const path = parseDrivePath(rawPath);
  if (path === "/") throw badRequest("Name a folder", [{ path: "path", message: "The root folder always exists" }]);
  const at = nowIso(ctx);
  return inTransaction(ctx, async ({ trx, audit }) => {
    const { folder, created } = await repo.ensureFolderPath(trx, path, actor.id, at);
    if (created) {
      await audit({
        actorId: actor.id,
        entityType: "drive_folder",
        entityId: folder.id,
        action: "drive.folder_created",
        details: { path },
      });
    }
    return { folder: presentFolder(folder), created };
  });
}

/** The folder a document will be filed in, created if missing (a reserved number has its folder, not yet a file). */
export async function ensureDocumentFolder(
  trx: Trx,
  entry: { folderPath: string; by: string | null; at: string },
): Promise<DriveFolder> {
  const { folder } = await repo.ensureFolderPath(trx, entry.folderPath, entry.by, entry.at);
  return presentFolder(folder);
}

/** Files a document on the drive inside the registering transaction; returns the folder and the file entry. */
export async function fileDocument(
  trx: Trx,
  entry: { folderPath: string; name: string; size: number; documentId: string; by: string | null; at: string },
): Promise<{ folder: DriveFolder; fileId: string }> {
  const { folder } = await repo.ensureFolderPath(trx, entry.folderPath, entry.by, entry.at);
  const fileId = newId();
  await repo.insertFile(trx, {
    id: fileId,
    folderId: folder.id,
    name: entry.name,
    size: entry.size,
    documentId: entry.documentId,
    sha256: null,
    mimeType: null,
    createdBy: entry.by,
    previousName: null,
    createdAt: entry.at,
    updatedAt: entry.at,
  });
  return { folder: presentFolder(folder), fileId };
}

/** A document's file moved or renamed over WebDAV (the document module records the history). */
export async function moveDriveEntry(
  trx: Trx,
  fileId: string,
  to: { folderId: string; name: string; previousName: string | null; at: string },
) {
  await repo.updateFile(trx, fileId, {
    folderId: to.folderId,
    name: to.name,
    previousName: to.previousName,
    updatedAt: to.at,
  });
}

/** A document's drive entry follows its title and current version. */
export async function updateDocumentFile(trx: Trx, fileId: string, patch: { name: string; size: number; at: string }) {
  await repo.updateFile(trx, fileId, { name: patch.name, size: patch.size, previousName: null, updatedAt: patch.at });
}

export async function folderPathsByIds(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await repo.findFolderPaths(db, unique);
  return new Map(rows.map((r) => [r.id, r.path]));
}
