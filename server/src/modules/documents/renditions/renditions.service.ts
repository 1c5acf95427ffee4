import type { Readable } from "node:stream";
import { blobStoreFor } from "../../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../../context.js";
import { documentViewer } from "../document-visibility.js";
import { inTransaction } from "../../../db/work.js";
import { AppError, conflict, unprocessable } from "../../../lib/errors.js";
import { requireVisibleDocument, requireVersionFile } from "../document-queries.js";
import { NO_PREVIEW_FOR_TYPE } from "./rendition-presenter.js";
import { renditionKindOf } from "./rendition-kinds.js";
import { enqueueRendition } from "./rendition-queue.js";
import { findRendition } from "./renditions.repository.js";

export interface RenditionFile {
  stream: Readable;
  sha256: string;
  /** The original file's name, for the preview's Content-Disposition. */
  fileName: string;
}

/**
 * The preview PDF or the thumbnail of a document version the actor may see. 409 while it is being prepared,
 * 415 when there is none for this type (or no converter on this server), 422 when the file could not be converted.
 */
export async function openRendition(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number | undefined,
  what: "preview" | "thumbnail",
): Promise<RenditionFile> {
  const row = await requireVisibleDocument(ctx.db, documentViewer(ctx, actor), id);
  const file = await requireVersionFile(ctx.db, row, version);
  const number = version ?? row.version;
  const rendition = await findRendition(ctx.db, id, number);
  if (!rendition) {
    if (renditionKindOf(file.mimeType).kind === "none")
      throw new AppError("unsupported_media_type", NO_PREVIEW_FOR_TYPE);
    // Versions stored before renditions existed get theirs on first request.
    await inTransaction(ctx, (work) => enqueueRendition(work, id, number));
    throw conflict("The preview is being prepared", { code: "preview_pending" });
  }
  if (rendition.state === "unsupported") throw new AppError("unsupported_media_type", rendition.reason ?? "No preview");
  if (rendition.state === "failed")
    throw unprocessable(`The file could not be converted: ${rendition.reason ?? "unknown reason"}`);
  const sha256 = what === "preview" ? (rendition.pdfSha256 ?? file.sha256) : rendition.thumbnailSha256;
  if (!sha256) throw new AppError("unsupported_media_type", "No thumbnail for this document");
  return { stream: await blobStoreFor(ctx.config).openVerified(sha256), sha256, fileName: file.fileName };
}
