/** What other modules may use of documents. */
export * from "./documents.service.js";
export { normalizePath, sanitizeName } from "./numbering.js";
export type { DocumentsEb } from "./document-visibility.js";
/** The rendition job's kind: the demo seeds without waiting for previews. */
export { RENDER_JOB } from "./renditions/rendition-queue.js";
