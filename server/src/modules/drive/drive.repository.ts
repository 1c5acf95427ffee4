import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from "kysely";
import { compiledQuery } from "../../db/compiled-query.js";
import type { Db } from "../../db/database.js";
import { newId } from "../../lib/ids.js";
import { canSeeDocument, type DocumentsEb, type DocumentViewer } from "../documents/index.js";
import { isAdmin, type Actor } from "../../context.js";
import type { Database } from "../../db/schema.js";
import type { DriveFilesTable, DriveFoldersTable } from "./drive.tables.js";

export type FolderRow = Selectable<DriveFoldersTable>;
export type FileRow = Selectable<DriveFilesTable>;

const folderPaths = compiledQuery((db, p: { ids: string[] }) =>
  db.selectFrom("driveFolders").select(["id", "path"]).where("id", "in", p.ids),
);

/** Paths of the folders with these ids (the documents' presenter asks on every read). */
export const findFolderPaths = (db: Db, ids: string[]) => folderPaths(db, { ids });

const folderByPath = compiledQuery((db, p: { path: string }) =>
  db.selectFrom("driveFolders").selectAll().where("path", "=", p.path),
);

export const findFolderByPath = async (db: Db, path: string): Promise<FolderRow | undefined> =>
  (await folderByPath(db, { path }))[0];

export const findFolder = (db: Db, id: string) =>
  db.selectFrom("driveFolders").selectAll().where("id", "=", id).executeTakeFirst();

/**
 * Creates the folder and any missing parents. A folder that exists is one read (the common case: a type's folder of
 * this year); otherwise each level is read, and a missing one is an insert that does nothing when the path exists, so
 * concurrent filings into a new "/Договоры/2027" meet at one row instead of failing.
 */
export async function ensureFolderPath(
  db: Db,
  path: string,
  by: string | null,
  at: string,
): Promise<{ folder: FolderRow; created: boolean }> {
  const segments = path.split("/").filter(Boolean);
  const whole = segments.length > 0 ? await findFolderByPath(db, `/${segments.join("/")}`) : undefined;
  if (whole) return { folder: whole, created: false };
  let parent: FolderRow | undefined;
  let created = false;
  for (let i = 0; i < segments.length; i++) {
    const folderPath = `/${segments.slice(0, i + 1).join("/")}`;
    const existing = await findFolderByPath(db, folderPath);
    const inserted = existing
      ? undefined
      : await db
          .insertInto("driveFolders")
          .values({
            id: newId(),
            parentId: parent?.id ?? null,
            name: segments[i] ?? "",
            path: folderPath,
            createdBy: by,
            createdAt: at,
          })
          .onConflict((oc) => oc.column("path").doNothing())
          .returningAll()
          .executeTakeFirst();
    created = inserted !== undefined;
    parent = existing ?? inserted ?? (await findFolderByPath(db, folderPath));
    if (!parent) throw new Error(`folder ${folderPath} vanished while being filed into`);
  }
  if (!parent) throw new Error("the root folder is not a row");
  return { folder: parent, created };
}

type FoldersEb = ExpressionBuilder<Database, "driveFolders">;

/**
 * A folder's name may itself say something (`{company}` in a type's folder template names the company of the
 * documents filed there). So a folder whose subtree holds documents, none of which the actor may open, is hidden;
 * a folder with no documents at all (made by hand) stays visible. Admins see everything.
 */
function folderVisibleTo(viewer: DocumentViewer<Actor>) {
  return (eb: FoldersEb): Expression<SqlBool> => {
    if (isAdmin(viewer.actor)) return sql<SqlBool>`1 = 1`;
    const documentsBelow = () =>
      eb
        .selectFrom("driveFiles")
        .innerJoin("driveFolders as sub", "sub.id", "driveFiles.folderId")
        .innerJoin("documents", "documents.id", "driveFiles.documentId")
        .select("driveFiles.id")
        .where((inner) =>
          inner.or([
            inner("sub.path", "=", inner.ref("driveFolders.path")),
            inner(
              sql`substr(${inner.ref("sub.path")}, 1, length(${inner.ref("driveFolders.path")}) + 1)`,
              "=",
              sql`${inner.ref("driveFolders.path")} || '/'`,
            ),
          ]),
        );
    return eb.or([
      eb.not(eb.exists(documentsBelow())),
      eb.exists(documentsBelow().where((inner) => canSeeDocument(viewer)(inner as unknown as DocumentsEb))),
    ]);
  };
}

export const listChildFolders = (db: Db, parentId: string | null, viewer: DocumentViewer<Actor>) =>
  db
    .selectFrom("driveFolders")
    .selectAll()
    .where("parentId", parentId === null ? "is" : "=", parentId)
    .where((eb) => folderVisibleTo(viewer)(eb))
    .orderBy("name")
    .orderBy("id")
    .execute();

/** The folder at `path` if the actor may see it (see folderVisibleTo). */
export const findVisibleFolderByPath = (db: Db, path: string, viewer: DocumentViewer<Actor>) =>
  db
    .selectFrom("driveFolders")
    .selectAll()
    .where("path", "=", path)
    .where((eb) => folderVisibleTo(viewer)(eb))
    .executeTakeFirst();

/** Files of one folder the actor may see (a file of a hidden or archived document is hidden too), by name. */
export function listFolderFiles(
  db: Db,
  viewer: DocumentViewer<Actor>,
  folderId: string,
  opts: { limit: number; after?: { name: string; id: string } },
): Promise<FileRow[]> {
  let query = db
    .selectFrom("driveFiles")
    .leftJoin("documents", "documents.id", "driveFiles.documentId")
    .selectAll("driveFiles")
    .where("driveFiles.folderId", "=", folderId)
    .where((eb) =>
      eb.or([
        eb("driveFiles.documentId", "is", null),
        eb.and([canSeeDocument(viewer)(eb), eb("documents.state", "!=", "archived")]),
      ]),
    )
    .orderBy("driveFiles.name")
    .orderBy("driveFiles.id")
    .limit(opts.limit + 1);
  if (opts.after) {
    const { name, id } = opts.after;
    query = query.where((eb) =>
      eb.or([
        eb("driveFiles.name", ">", name),
        eb.and([eb("driveFiles.name", "=", name), eb("driveFiles.id", ">", id)]),
      ]),
    );
  }
  return query.execute();
}

const insertFileRow = compiledQuery((db, row: FileRow) => db.insertInto("driveFiles").values(row));
export const insertFile = (db: Db, row: FileRow) => insertFileRow(db, row);

export const updateFile = (db: Db, id: string, patch: Partial<Omit<FileRow, "id">>) =>
  db.updateTable("driveFiles").set(patch).where("id", "=", id).execute();

// ---- WebDAV: whole-entry reads and writes -------------------------------------------------------------------------

/** A drive file with what WebDAV shows of it: a document's bytes are its current version's. */
export interface EntryRow extends FileRow {
  number: string | null;
  documentState: string | null;
  docSha256: string | null;
  docMimeType: string | null;
  docVersion: number | null;
}

function entries(db: Db) {
  return db
    .selectFrom("driveFiles")
    .leftJoin("documents", "documents.id", "driveFiles.documentId")
    .selectAll("driveFiles")
    .select([
      "documents.number as number",
      "documents.state as documentState",
      "documents.sha256 as docSha256",
      "documents.mimeType as docMimeType",
      "documents.version as docVersion",
    ])
    .where((eb) => eb.or([eb("driveFiles.documentId", "is", null), eb("documents.state", "!=", "archived")]));
}

/** The entry of that name in the folder, whoever may see it (archived documents' files have left the drive). */
export const findEntry = (db: Db, folderId: string, name: string) =>
  entries(db)
    .where("driveFiles.folderId", "=", folderId)
    .where("driveFiles.name", "=", name)
    .orderBy("driveFiles.id")
    .executeTakeFirst() as Promise<EntryRow | undefined>;

/** Entries of a folder the actor may see. */
export const listVisibleEntries = (db: Db, viewer: DocumentViewer<Actor>, folderId: string) =>
  entries(db)
    .where("driveFiles.folderId", "=", folderId)
    .where((eb) => eb.or([eb("driveFiles.documentId", "is", null), canSeeDocument(viewer)(eb)]))
    .orderBy("driveFiles.name")
    .orderBy("driveFiles.id")
    .execute() as Promise<EntryRow[]>;

/** The document whose file was renamed away from `name` in this folder by an office program's save. */
export const findVacatedEntry = (db: Db, folderId: string, name: string) =>
  entries(db)
    .where("driveFiles.folderId", "=", folderId)
    .where("driveFiles.previousName", "=", name)
    .where("driveFiles.documentId", "is not", null)
    .executeTakeFirst() as Promise<EntryRow | undefined>;

export const deleteFile = (db: Db, id: string) => db.deleteFrom("driveFiles").where("id", "=", id).execute();

export async function insertFolder(db: Db, row: FolderRow): Promise<boolean> {
  const inserted = await db
    .insertInto("driveFolders")
    .values(row)
    .onConflict((oc) => oc.column("path").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** "path = p or path starts with p/" — portable, and blind to LIKE's wildcards in folder names. */
const underPath = (path: string) =>
  sql<SqlBool>`(path = ${path} or substr(path, 1, ${path.length + 1}) = ${path + "/"})`;

export const foldersUnder = (db: Db, path: string) =>
  db.selectFrom("driveFolders").selectAll().where(underPath(path)).orderBy("path").execute();

/** Every file in the folder tree, archived documents' included (a tree holding documents is never erased). */
export const filesUnder = (db: Db, folderIds: string[]) =>
  folderIds.length === 0
    ? Promise.resolve([] as FileRow[])
    : db.selectFrom("driveFiles").selectAll().where("folderId", "in", folderIds).execute();

export const deleteFolders = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .deleteFrom("driveFolders")
        .where("id", "in", ids)
        .execute()
        .then(() => {});

/** Re-roots a folder tree: the top folder gets its new parent and name, every path below follows. */
export async function moveFolderTree(
  db: Db,
  folder: FolderRow,
  to: { parentId: string | null; name: string; path: string },
): Promise<void> {
  await db
    .updateTable("driveFolders")
    .set({ parentId: to.parentId, name: to.name })
    .where("id", "=", folder.id)
    .execute();
  await db
    .updateTable("driveFolders")
    .set({ path: sql<string>`${to.path} || substr(path, ${folder.path.length + 1})` })
    .where(underPath(folder.path))
    .execute();
}

/** Whether the actor may see something in this folder tree: a document of theirs, or a folder they made. */
export async function treeHasSomethingFor(db: Db, viewer: DocumentViewer<Actor>, path: string): Promise<boolean> {
  const { actor } = viewer;
  const folder = await db
    .selectFrom("driveFolders")
    .select("id")
    .where(underPath(path))
    .where("createdBy", "=", actor.id)
    .limit(1)
    .executeTakeFirst();
  if (folder) return true;
  const file = await db
    .selectFrom("driveFiles")
    .innerJoin("driveFolders", "driveFolders.id", "driveFiles.folderId")
    .leftJoin("documents", "documents.id", "driveFiles.documentId")
    .select("driveFiles.id")
    .where(
      sql<SqlBool>`(drive_folders.path = ${path} or substr(drive_folders.path, 1, ${path.length + 1}) = ${path + "/"})`,
    )
    .where((eb) =>
      eb.or([
        eb.and([eb("driveFiles.documentId", "is", null), eb("driveFiles.createdBy", "=", actor.id)]),
        eb.and([eb("documents.state", "!=", "archived"), canSeeDocument(viewer)(eb)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return file !== undefined;
}
