import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from "kysely";
import type { Db } from "../../db/database.js";
import { newId } from "../../lib/ids.js";
import { canSeeDocument, type DocumentsEb } from "../documents/document-visibility.js";
import { isAdmin, type Actor } from "../../context.js";
import type { Database } from "../../db/schema.js";
import type { DriveFilesTable, DriveFoldersTable } from "./drive.tables.js";

export type FolderRow = Selectable<DriveFoldersTable>;
export type FileRow = Selectable<DriveFilesTable>;

export const findFolderByPath = (db: Db, path: string) =>
  db.selectFrom("driveFolders").selectAll().where("path", "=", path).executeTakeFirst();

export const findFolder = (db: Db, id: string) =>
  db.selectFrom("driveFolders").selectAll().where("id", "=", id).executeTakeFirst();

/**
 * Creates the folder and any missing parents. Each level is an insert that does nothing when the path exists,
 * so concurrent filings into a new "/Договоры/2027" meet at one row instead of failing.
 */
export async function ensureFolderPath(
  db: Db,
  path: string,
  by: string | null,
  at: string,
): Promise<{ folder: FolderRow; created: boolean }> {
  const segments = path.split("/").filter(Boolean);
  let parent: FolderRow | undefined;
  let created = false;
  for (let i = 0; i < segments.length; i++) {
    const folderPath = `/${segments.slice(0, i + 1).join("/")}`;
    const inserted = await db
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
    parent = inserted ?? (await findFolderByPath(db, folderPath));
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
function folderVisibleTo(actor: Actor) {
  return (eb: FoldersEb): Expression<SqlBool> => {
    if (isAdmin(actor)) return sql<SqlBool>`1 = 1`;
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
      eb.exists(documentsBelow().where((inner) => canSeeDocument(actor)(inner as unknown as DocumentsEb))),
    ]);
  };
}

export const listChildFolders = (db: Db, parentId: string | null, actor: Actor) =>
  db
    .selectFrom("driveFolders")
    .selectAll()
    .where("parentId", parentId === null ? "is" : "=", parentId)
    .where((eb) => folderVisibleTo(actor)(eb))
    .orderBy("name")
    .orderBy("id")
    .execute();

/** The folder at `path` if the actor may see it (see folderVisibleTo). */
export const findVisibleFolderByPath = (db: Db, path: string, actor: Actor) =>
  db
    .selectFrom("driveFolders")
    .selectAll()
    .where("path", "=", path)
    .where((eb) => folderVisibleTo(actor)(eb))
    .executeTakeFirst();

/** Files of one folder the actor may see (a file of a hidden or archived document is hidden too), by name. */
export function listFolderFiles(
  db: Db,
  actor: Actor,
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
        eb.and([canSeeDocument(actor)(eb), eb("documents.state", "!=", "archived")]),
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

export const insertFile = (db: Db, row: FileRow) => db.insertInto("driveFiles").values(row).execute();

export const updateFile = (db: Db, id: string, patch: Partial<Omit<FileRow, "id">>) =>
  db.updateTable("driveFiles").set(patch).where("id", "=", id).execute();
