import { z } from "zod";
import { idSchema, isoTimestamp, optionalText, requiredText } from "./common.js";

/** The placeholders every template may use, besides `fields.<key>` (a custom field of the template's document type). */
export const TEMPLATE_PLACEHOLDERS = [
  "number",
  "date",
  "title",
  "company.name",
  "company.inn",
  "company.kpp",
  "company.address",
  "item.title",
  "initiator.name",
  "responsible.name",
] as const;

export const documentTemplateSchema = z.object({
  id: idSchema,
  name: z.string(),
  typeId: idSchema,
  typeName: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  /** Found in the file at upload, in order of appearance, each once (`company.name`, `fields.amount`…). */
  placeholders: z.array(z.string()),
  createdAt: isoTimestamp,
});
export type DocumentTemplate = z.infer<typeof documentTemplateSchema>;

/** The text parts of `POST /api/document-templates` (multipart, with the DOCX as `file`). */
export const uploadTemplateForm = z.object({ name: requiredText(200), typeId: idSchema });

export const generateDocumentBody = z.object({
  templateId: idSchema,
  /** The new document's title; the template's name when absent. */
  title: optionalText(500),
});
export type GenerateDocumentBody = z.infer<typeof generateDocumentBody>;
