export type RenditionState = "pending" | "ready" | "failed" | "unsupported";

/** One row per document version once its rendition job has run (no row = still pending). */
export interface DocumentRenditionsTable {
  documentId: string;
  version: number;
  state: Exclude<RenditionState, "pending">;
  /** Why there is no preview (failed, unsupported), in plain words for the card. */
  reason: string | null;
  pages: number | null;
  /** 1 when the text comes from OCR. */
  ocr: number;
  /** The PDF shown in the browser; null = the stored file itself is that PDF. */
  pdfSha256: string | null;
  thumbnailSha256: string | null;
  /** Text read from the rendition (office conversion, OCR); it replaces the file's own text in the search index. */
  text: string | null;
  updatedAt: string;
}

export interface RenditionTables {
  documentRenditions: DocumentRenditionsTable;
}
