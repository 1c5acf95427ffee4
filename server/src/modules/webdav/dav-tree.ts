import type { Actor, AppContext } from "../../context.js";
import { documentViewer, documentVisible } from "../documents/index.js";
import * as drive from "../drive/index.js";
import { nameOf, parentOf } from "./dav-paths.js";

/** A resource of the drive as WebDAV sees it: the root, a folder, or a file (plain or a document's). */
export type DavNode =
  | { kind: "root"; path: "/"; id: "root" }
  | { kind: "folder"; path: string; id: string; folder: drive.FolderRow }
  | { kind: "file"; path: string; id: string; entry: drive.EntryRow; folder: drive.FolderRow };

export type DavCollection = Exclude<DavNode, { kind: "file" }>;

export const ROOT: DavCollection = { kind: "root", path: "/", id: "root" };

export interface FileContent {
  sha256: string;
  size: number;
  mimeType: string;
}

/** A document's bytes are its current version's; a plain file carries its own. */
export function contentOf(entry: drive.EntryRow): FileContent {
  return {
    sha256: (entry.documentId ? entry.docSha256 : entry.sha256) ?? EMPTY_SHA256,
    size: Number(entry.size),
    mimeType: (entry.documentId ? entry.docMimeType : entry.mimeType) ?? "application/octet-stream",
  };
}

export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** 80 bits of the content hash: unique enough, and short, since clients echo it in If headers of bounded length. */
export const etagOf = (node: DavNode) =>
  node.kind === "file" ? `"${contentOf(node.entry).sha256.slice(0, 20)}"` : null;

/** A folder (or the root) the actor may see, or null: hidden and absent look the same. */
export async function resolveCollection(ctx: AppContext, actor: Actor, path: string): Promise<DavCollection | null> {
  if (path === "/") return ROOT;
  const folder = await drive.findFolderByPath(ctx.db, path);
  if (!folder || !(await drive.folderVisibleTo(ctx, actor, folder))) return null;
  return { kind: "folder", path, id: folder.id, folder };
}

export async function resolveNode(ctx: AppContext, actor: Actor, path: string): Promise<DavNode | null> {
  const collection = await resolveCollection(ctx, actor, path);
  if (collection) return collection;
  const parent = await resolveCollection(ctx, actor, parentOf(path));
  if (!parent || parent.kind === "root") return null;
  const entry = await drive.findEntry(ctx.db, parent.folder.id, nameOf(path));
  if (!entry) return null;
  if (entry.documentId && !(await documentVisible(ctx.db, documentViewer(ctx, actor), entry.documentId))) return null;
  return { kind: "file", path, id: entry.id, entry, folder: parent.folder };
}

const childPath = (parent: string, name: string) => (parent === "/" ? `/${name}` : `${parent}/${name}`);

export async function childrenOf(ctx: AppContext, actor: Actor, node: DavCollection): Promise<DavNode[]> {
  const viewer = documentViewer(ctx, actor);
  const folders = await drive.visibleFolders(
    ctx,
    actor,
    await drive.listChildFolders(ctx.db, node.kind === "root" ? null : node.folder.id, viewer),
  );
  const result: DavNode[] = folders.map((folder) => ({ kind: "folder", path: folder.path, id: folder.id, folder }));
  if (node.kind === "folder") {
    for (const entry of await drive.listVisibleEntries(ctx.db, viewer, node.folder.id)) {
      result.push({ kind: "file", path: childPath(node.path, entry.name), id: entry.id, entry, folder: node.folder });
    }
  }
  return result;
}

/** Who made a thing: what a non-admin may see of a tree; the name clash check ignores visibility. */
export async function nameTaken(ctx: AppContext, parent: DavCollection, name: string): Promise<boolean> {
  const path = childPath(parent.path, name);
  if (await drive.findFolderByPath(ctx.db, path)) return true;
  return parent.kind === "folder" && (await drive.findEntry(ctx.db, parent.folder.id, name)) !== undefined;
}

export { childPath };
