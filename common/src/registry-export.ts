import { z } from "zod";
import { listDocumentsQuery } from "./documents.js";

/** File formats of the registry export and of the registration journal. */
export const registryExportFormats = ["csv", "xlsx"] as const;
export const journalFormats = ["pdf", "xlsx"] as const;
export type RegistryExportFormat = (typeof registryExportFormats)[number];
export type JournalFormat = (typeof journalFormats)[number];

// `format` and the period are read as text here and checked by the service, which answers 422 with a stable code
// (`export_format_unknown`, `journal_period_invalid`, `journal_period_too_long`) the UI words in the user's language.
const formatText = z.string().max(20).optional();

/** `GET /api/documents/export`: every filter of `GET /api/documents` (no page), and the file format. */
export const exportDocumentsQuery = listDocumentsQuery
  .omit({ limit: true, cursor: true })
  .extend({ format: formatText });
export type ExportDocumentsQuery = z.infer<typeof exportDocumentsQuery>;

/** `GET /api/document-types/:id/journal`: a period of local calendar days, both included. */
export const journalQuery = z.object({
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  format: formatText,
});
export type JournalQuery = z.infer<typeof journalQuery>;

/** The longest period one journal covers: a year (the usual printed journal), leap day included. */
export const JOURNAL_MAX_DAYS = 366;
