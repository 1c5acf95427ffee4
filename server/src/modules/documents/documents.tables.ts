import type { DocumentState } from "@docket/common";

/** Tables of the document registry (camelCase; the CamelCasePlugin maps them to snake_case columns). */
export interface DocumentTypesTable {
  id: string;
  code: string;
  name: string;
  folderTemplate: string;
  numberingTemplate: string;
  numberingReset: "never" | "year" | "month";
  statuses: string; // JSON: DocumentStatusDef[] in display order
  fields: string; // JSON: DocumentFieldDef[]
  access: "all" | "participants";
  createdAt: string;
  updatedAt: string;
}

/** One row per (type, period): the last number handed out; bumped in the registering transaction. */
export interface DocumentCountersTable {
  typeId: string;
  period: string; // "" (never resets), "2026" or "2026-03"
  value: number;
}

export interface DocumentsTable {
  id: string;
  typeId: string;
  number: string;
  period: string;
  seq: number;
  title: string;
  companyId: string | null;
  responsibleId: string | null;
  statusCode: string;
  folderId: string;
  driveFileId: string; // "" while reserved (no file, no drive entry)
  fileName: string;
  fileSize: number;
  mimeType: string;
  sha256: string;
  version: number; // 0 while reserved
  fields: string; // JSON object
  state: DocumentState;
  /** Set when cancelled (the number is never reused); a restore from the archive goes back to "cancelled". */
  cancelledAt: string | null;
  cancelReason: string | null;
  createdBy: string | null; // null = registered by automation
  createdAt: string;
  updatedAt: string;
}

export interface DocumentVersionsTable {
  id: string;
  documentId: string;
  version: number;
  fileName: string;
  fileSize: number;
  mimeType: string;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
}

/** Links documents to process items; written by the process module through documents.service. */
export interface DocumentItemsTable {
  documentId: string;
  itemId: string;
}

/** Text extracted from the current version, kept so the search index can be rebuilt when the title changes. */
export interface DocumentTextsTable {
  documentId: string;
  version: number;
  state: "done" | "failed" | "unsupported";
  text: string;
  updatedAt: string;
}

export interface DocumentTables {
  documentTypes: DocumentTypesTable;
  documentCounters: DocumentCountersTable;
  documents: DocumentsTable;
  documentVersions: DocumentVersionsTable;
  documentItems: DocumentItemsTable;
  documentTexts: DocumentTextsTable;
}
