/** What other modules may use of documents. */
export * from "./documents.service.js";
export { normalizePath, sanitizeName } from "@docket/common";
export type { DocumentsEb } from "./document-visibility.js";
/** The module's background jobs (the composition root hands them to the worker). */
export { extractTextJob } from "./documents.jobs.js";
/** Renditions: the job (the demo seeds without waiting for previews), the converters /api/health lists, and
 * the blobs previews and thumbnails keep alive in the garbage collector. */
export { renderJob } from "./renditions/renditions.jobs.js";
export { detectConverters } from "./renditions/converters.js";
export { renditionHashes } from "./renditions/renditions.repository.js";
/** Templates read DOCX archives through the same bounded inflate as text extraction (a bomb is refused, not inflated). */
export { readZipEntries } from "./bounded-zip.js";
export { EXTRACTION_LIMITS } from "./extraction-limits.js";
