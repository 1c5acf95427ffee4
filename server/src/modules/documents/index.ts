/** What other modules may use of documents. */
export * from "./documents.service.js";
export { normalizePath, sanitizeName } from "./numbering.js";
export type { DocumentsEb } from "./document-visibility.js";
