import { Transform, type Readable } from "node:stream";
import { blobStoreFor, storedBlob, type ReceivedBlob } from "../../blobs/blob-store.js";
import { nowIso, type Actor, type AppContext } from "../../context.js";
import { inTransaction, type Trx } from "../../db/work.js";
import { AppError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import * as documents from "../documents/index.js";
import * as drive from "../drive/index.js";
import { isTemporaryName } from "./dav-paths.js";
import { contentOf, type DavNode } from "./dav-tree.js";
import { DavError } from "./dav-xml.js";
import * as repo from "./webdav.repository.js";

/** Bytes about to land somewhere on the drive: just received (PUT) or already stored (COPY, MOVE). */
export interface Landing {
  blob: ReceivedBlob;
  mimeType: string;
  /** A plain file that these bytes come from and that goes away once they land (MOVE). */
  consume?: drive.EntryRow;
}

/** Streams a request body into the blob store's temporary area, never holding it whole; 413 past the limit. */
export async function receiveBody(ctx: AppContext, body: Readable): Promise<ReceivedBlob> {
  const limit = ctx.config.maxUploadBytes;
  let seen = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new AppError("payload_too_large", `The file is larger than ${limit} bytes`));
      else callback(null, chunk);
    },
  });
  body.pipe(guard);
  body.on("error", (error) => guard.destroy(error));
  return blobStoreFor(ctx.config).receive(guard);
}

export const storedLanding = (node: Extract<DavNode, { kind: "file" }>): Landing => {
  const content = contentOf(node.entry);
  return { blob: storedBlob(content.sha256, content.size), mimeType: content.mimeType };
};

function plainRow(
  folderId: string,
  name: string,
  content: { sha256: string; size: number; mimeType: string },
  by: string,
  at: string,
): drive.FileRow {
  return {
    id: newId(),
    folderId,
    name,
    size: content.size,
    documentId: null,
    sha256: content.sha256,
    mimeType: content.mimeType,
    createdBy: by,
    previousName: null,
    createdAt: at,
    updatedAt: at,
  };
}

async function dropPlain(trx: Trx, entry: drive.EntryRow | drive.FileRow | undefined) {
  if (!entry) return;
  await drive.deleteFile(trx, entry.id);
  await repo.removePropertiesOf(trx, [entry.id]);
}

/**
 * Puts bytes at folder/name by the drive's rules: onto a document's file they are its next version; under a
 * document type's folder a new (non-temporary) file is registered as a document of that type, where the client
 * put it; anywhere else it is a plain file. A document renamed away by an office program's save gets the bytes
 * that land under its old name. Returns whether the name is new.
 */
export async function landContent(
  ctx: AppContext,
  actor: Actor,
  folder: drive.FolderRow,
  name: string,
  landing: Landing,
): Promise<{ created: boolean }> {
  const store = blobStoreFor(ctx.config);
  const at = nowIso(ctx);
  const file = { ...landing.blob, name, mimeType: documents.mimeTypeFor(name, landing.mimeType) };
  const consume = landing.consume;
  const existing = await drive.findEntry(ctx.db, folder.id, name);

  if (existing?.documentId) {
    if (!(await documents.documentVisible(ctx.db, documents.documentViewer(ctx, actor), existing.documentId))) {
      throw new DavError(403, "A file you cannot see already has this name");
    }
    await documents.addDocumentVersion(ctx, actor, existing.documentId, file, {
      via: "webdav",
      driveName: name,
      beforeCommit: (trx) => dropPlain(trx, consume),
    });
    return { created: false };
  }

  const vacated = isTemporaryName(name) ? undefined : await drive.findVacatedEntry(ctx.db, folder.id, name);
  if (
    !existing &&
    vacated?.documentId &&
    (await documents.documentVisible(ctx.db, documents.documentViewer(ctx, actor), vacated.documentId))
  ) {
    const previous = contentOf(vacated);
    await documents.addDocumentVersion(ctx, actor, vacated.documentId, file, {
      via: "webdav",
      driveName: name,
      beforeCommit: async (trx) => {
        // The program renamed the original to this temporary name as its backup and deletes it next: keep it there.
        await drive.insertFile(trx, plainRow(folder.id, vacated.name, previous, actor.id, at));
        await dropPlain(trx, consume);
      },
    });
    return { created: true };
  }

  const typeId =
    isTemporaryName(name) || landing.blob.size === 0 ? null : await documents.typeForFolder(ctx.db, folder.path);
  if (typeId) {
    await documents.registerDocument(ctx, actor, {
      typeId,
      file,
      placement: { folderPath: folder.path, driveName: name, via: "webdav" },
    });
    await inTransaction(ctx, async ({ trx }) => {
      await dropPlain(trx, existing);
      await dropPlain(trx, consume);
    });
    return { created: !existing };
  }

  await store.commit(landing.blob);
  await inTransaction(ctx, async ({ trx }) => {
    if (consume) {
      // A plain file moved: the same entry (and its properties) under the new name.
      await dropPlain(trx, existing);
      await drive.updateFile(trx, consume.id, { folderId: folder.id, name, updatedAt: at });
    } else if (existing) {
      await drive.updateFile(trx, existing.id, {
        sha256: file.sha256,
        size: file.size,
        mimeType: file.mimeType,
        updatedAt: at,
      });
    } else {
      await drive.insertFile(trx, plainRow(folder.id, name, file, actor.id, at));
    }
  });
  return { created: !existing };
}

/** DELETE: a document's file is archived (never erased); a plain file or a folder without documents goes. */
export async function deleteNode(ctx: AppContext, actor: Actor, node: DavNode): Promise<void> {
  const at = nowIso(ctx);
  if (node.kind === "root") throw new DavError(403, "The drive's root cannot be deleted");
  if (node.kind === "file") {
    if (node.entry.documentId) {
      await documents.archiveDocument(ctx, actor, node.entry.documentId, "webdav");
    } else {
      await inTransaction(ctx, ({ trx }) => dropPlain(trx, node.entry));
    }
  } else {
    const folders = await drive.foldersUnder(ctx.db, node.path);
    const files = await drive.filesUnder(
      ctx.db,
      folders.map((f) => f.id),
    );
    if (files.some((f) => f.documentId)) {
      throw new DavError(403, "The folder holds registered documents; delete (archive) them one by one");
    }
    await inTransaction(ctx, async ({ trx, audit }) => {
      for (const file of files) await dropPlain(trx, file);
      await repo.removePropertiesOf(
        trx,
        folders.map((f) => f.id),
      );
      await drive.deleteFolders(
        trx,
        folders.map((f) => f.id),
      );
      await audit({
        actorId: actor.id,
        entityType: "drive_folder",
        entityId: node.id,
        action: "drive.folder_deleted",
        details: { path: node.path, via: "webdav" },
      });
    });
  }
  await repo.deleteLocksWithin(ctx.db, node.path, at);
}

export async function createFolder(
  ctx: AppContext,
  actor: Actor,
  parent: { id: string | null },
  path: string,
  name: string,
): Promise<drive.FolderRow> {
  const at = nowIso(ctx);
  const row: drive.FolderRow = { id: newId(), parentId: parent.id, name, path, createdBy: actor.id, createdAt: at };
  await inTransaction(ctx, async ({ trx, audit }) => {
    if (!(await drive.insertFolder(trx, row))) throw new DavError(405, "Something already has this name");
    await audit({
      actorId: actor.id,
      entityType: "drive_folder",
      entityId: row.id,
      action: "drive.folder_created",
      details: { path, via: "webdav" },
    });
  });
  return row;
}
