/** A DOCX with placeholders, generated into documents of `typeId`; `placeholders` is the JSON list found at upload. */
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
}

export interface TemplateTables {
  documentTemplates: DocumentTemplatesTable;
}
