/**
 * A DOCX with placeholders, generated into documents of `typeId`; `placeholders` is the JSON list found at upload.
 * `archivedAt` set = deleted: hidden and no longer used, its file kept.
 */
export interface DocumentTemplatesTable {
  id: string;
  name: string;
  typeId: string;
  fileName: string;
  fileSize: number;
  sha256: string;
  placeholders: string;
  createdBy: string | null;
  createdAt: string;
  archivedAt: string | null;
}

export interface TemplateTables {
  documentTemplates: DocumentTemplatesTable;
}
