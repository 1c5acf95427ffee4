import type { Rendition } from "@docket/common";
import { toBool } from "../../../db/dialect.js";
import { renditionKindOf } from "./rendition-kinds.js";
import type { RenditionRow } from "./renditions.repository.js";

export const NO_PREVIEW_FOR_TYPE = "No preview for this file type";

/** A reserved number has no file yet, so nothing to preview. */
export const NO_FILE_RENDITION: Rendition = {
  state: "unsupported",
  ocr: false,
  reason: "No file has been uploaded yet",
  thumbnail: false,
};

/** The `rendition` of a document version; no row yet means its job has not finished (or, for other types, none). */
export function presentRendition(
  mimeType: string,
  row: Pick<RenditionRow, "state" | "pages" | "ocr" | "reason" | "thumbnailSha256"> | undefined,
): Rendition {
  if (!row) {
    return renditionKindOf(mimeType).kind === "none"
      ? { state: "unsupported", ocr: false, reason: NO_PREVIEW_FOR_TYPE, thumbnail: false }
      : { state: "pending", ocr: false, thumbnail: false };
  }
  return {
    state: row.state,
    ...(row.pages !== null && { pages: Number(row.pages) }),
    ocr: toBool(row.ocr),
    ...(row.reason !== null && { reason: row.reason }),
    thumbnail: row.thumbnailSha256 !== null,
  };
}
