import { z } from "zod";
import { codeSchema, idSchema, isoTimestamp, listQuery, optionalText, requiredText } from "./common.js";

/** Tokens a numbering template may use; exactly one counter token ({n} or {n:W}) is required. */
export const NUMBERING_TOKENS = ["yyyy", "yy", "mm", "n"] as const;
/** Tokens a folder template may use. */
export const FOLDER_TOKENS = ["yyyy", "yy", "mm", "type", "company"] as const;

const TOKEN = /\{([^{}]*)\}/g;
const COUNTER_TOKEN = /^n(?::(\d{1,2}))?$/;

export const tokensOf = (template: string): string[] => [...template.matchAll(TOKEN)].map((m) => m[1] ?? "");

function checkNumberingTemplate(template: string, reset: string, ctx: z.RefinementCtx): void {
  const path = ["numbering", "template"];
  const tokens = tokensOf(template);
  const unknown = tokens.filter((t) => !COUNTER_TOKEN.test(t) && !(NUMBERING_TOKENS as readonly string[]).includes(t));
  for (const token of unknown) ctx.addIssue({ code: "custom", path, message: `Unknown token {${token}}` });
  const counters = tokens.filter((t) => COUNTER_TOKEN.test(t));
  if (counters.length !== 1)
    ctx.addIssue({ code: "custom", path, message: "Must contain the counter {n} exactly once" });
  const width = Number(COUNTER_TOKEN.exec(counters[0] ?? "")?.[1] ?? 1);
  if (width < 1 || width > 12) ctx.addIssue({ code: "custom", path, message: "{n:W} needs a width from 1 to 12" });
  if (/[{}]/.test(template.replace(TOKEN, ""))) ctx.addIssue({ code: "custom", path, message: "Unbalanced brace" });
  // A counter that restarts must be told apart by its period, or the unique number would repeat.
  const hasYear = tokens.includes("yyyy") || tokens.includes("yy");
  if (reset !== "never" && !hasYear)
    ctx.addIssue({ code: "custom", path, message: `A counter reset every ${reset} needs {yyyy} or {yy}` });
  if (reset === "month" && !tokens.includes("mm"))
    ctx.addIssue({ code: "custom", path, message: "A counter reset every month needs {mm}" });
}

function checkFolderTemplate(template: string, ctx: z.RefinementCtx): void {
  const path = ["folder"];
  for (const token of tokensOf(template)) {
    if (!(FOLDER_TOKENS as readonly string[]).includes(token))
      ctx.addIssue({ code: "custom", path, message: `Unknown token {${token}}` });
  }
  if (/[{}]/.test(template.replace(TOKEN, ""))) ctx.addIssue({ code: "custom", path, message: "Unbalanced brace" });
  const segments = template.split("/").filter((s, i) => !(i === 0 && s === ""));
  if (segments.length === 0) ctx.addIssue({ code: "custom", path, message: "Name at least one folder" });
  if (segments.some((s) => s.trim() === "" || s.trim() === "." || s.trim() === ".."))
    ctx.addIssue({ code: "custom", path, message: "Folder segments must be names: no empty, '.' or '..' parts" });
  if (/[\\\p{Cc}\p{Cf}]/u.test(template))
    ctx.addIssue({ code: "custom", path, message: "Backslashes, control and invisible characters are not allowed" });
}

export const statusSchema = z.object({
  code: codeSchema,
  name: requiredText(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colour must be #rrggbb"),
  initial: z.boolean().optional(),
  final: z.boolean().optional(),
  /** Only automation (robots, process outcomes) sets it; a person setting it by hand gets 409. */
  automatic: z.boolean().optional(),
});
export type DocumentStatusDef = z.infer<typeof statusSchema>;

export const fieldTypeSchema = z.enum(["text", "number", "money", "date", "select", "user", "company"]);
export type FieldType = z.infer<typeof fieldTypeSchema>;
export const fieldSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,49}$/, "A key is a letter or '_' then letters, digits, '_'"),
    label: requiredText(200),
    type: fieldTypeSchema,
    required: z.boolean().optional(),
    options: z.array(requiredText(200)).max(200).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === "select" && (!f.options || f.options.length === 0))
      ctx.addIssue({ code: "custom", path: ["options"], message: "A select field needs options" });
  });
export type DocumentFieldDef = z.infer<typeof fieldSchema>;

export const numberingResetSchema = z.enum(["never", "year", "month"]);
export type NumberingReset = z.infer<typeof numberingResetSchema>;
export const accessSchema = z.enum(["all", "participants"]);
export type Access = z.infer<typeof accessSchema>;

const typeFields = {
  code: codeSchema,
  name: requiredText(200),
  folder: z.string().trim().min(1).max(300),
  numbering: z.object({ template: z.string().trim().min(1).max(100), reset: numberingResetSchema }),
  statuses: z.array(statusSchema).min(1).max(50),
  fields: z.array(fieldSchema).max(100),
  access: accessSchema,
};

type TypeShape = Partial<{
  folder: string;
  numbering: { template: string; reset: string };
  statuses: DocumentStatusDef[];
  fields: DocumentFieldDef[];
}>;

function checkType(t: TypeShape, ctx: z.RefinementCtx): void {
  if (t.folder !== undefined) checkFolderTemplate(t.folder, ctx);
  if (t.numbering) checkNumberingTemplate(t.numbering.template, t.numbering.reset, ctx);
  if (t.statuses) {
    if (t.statuses.filter((s) => s.initial).length !== 1)
      ctx.addIssue({ code: "custom", path: ["statuses"], message: "Exactly one status must be initial" });
    const codes = t.statuses.map((s) => s.code);
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i)
        ctx.addIssue({ code: "custom", path: ["statuses", i, "code"], message: `Duplicate status code ${code}` });
    });
  }
  if (t.fields) {
    const keys = t.fields.map((f) => f.key);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i)
        ctx.addIssue({ code: "custom", path: ["fields", i, "key"], message: `Duplicate field key ${key}` });
    });
  }
}

export const createDocumentTypeBody = z
  .object({ ...typeFields, fields: typeFields.fields.default([]), access: typeFields.access.default("all") })
  .strict()
  .superRefine(checkType);
export type CreateDocumentTypeBody = z.infer<typeof createDocumentTypeBody>;

export const updateDocumentTypeBody = z.object(typeFields).partial().strict().superRefine(checkType);
export type UpdateDocumentTypeBody = z.infer<typeof updateDocumentTypeBody>;

export const documentTypeSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  folder: z.string(),
  numbering: z.object({ template: z.string(), reset: numberingResetSchema }),
  statuses: z.array(statusSchema),
  fields: z.array(fieldSchema),
  access: accessSchema,
  /** The number the next registration of this type takes now (a reservation takes the same). */
  nextNumber: z.string(),
  /** The counter value behind nextNumber, for previews of an edited template. */
  nextSeq: z.number().int(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type DocumentType = z.infer<typeof documentTypeSchema>;

export const documentStatusSchema = z.object({ code: z.string(), name: z.string(), color: z.string() });
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

/** Life cycle: "active" (default), "reserved" (a number taken, no file yet), "cancelled", "archived" (deleted). */
export const documentStates = ["active", "reserved", "cancelled", "archived"] as const;
export const documentStateSchema = z.enum(documentStates);
export type DocumentState = z.infer<typeof documentStateSchema>;
/** The browser preview of the current version: a PDF, its first-page thumbnail, and whether its text came from OCR. */
export const renditionSchema = z.object({
  state: z.enum(["pending", "ready", "failed", "unsupported"]),
  pages: z.number().int().optional(),
  ocr: z.boolean(),
  /** Why there is no preview (failed, unsupported), or what is missing although there is one. */
  reason: z.string().optional(),
  /** Whether `GET /api/documents/:id/thumbnail` has a picture. */
  thumbnail: z.boolean(),
});
export type Rendition = z.infer<typeof renditionSchema>;

export const documentFileSchema = z.object({
  name: z.string(),
  size: z.number(),
  mimeType: z.string(),
  sha256: z.string(),
  version: z.number(),
});
export type DocumentFile = z.infer<typeof documentFileSchema>;

export const documentSchema = z.object({
  id: z.string(),
  typeId: z.string(),
  number: z.string(),
  title: z.string(),
  companyId: z.string().nullable(),
  responsibleId: z.string().nullable(),
  itemIds: z.array(z.string()),
  status: documentStatusSchema,
  folder: z.object({ id: z.string(), path: z.string() }),
  /** null while the number is reserved and no file has been uploaded yet. */
  file: documentFileSchema.nullable(),
  fields: z.record(z.string(), z.unknown()),
  state: documentStateSchema,
  /** Set once the document is cancelled: when and why (the number stays taken for ever). */
  cancellation: z.object({ at: isoTimestamp, reason: z.string() }).nullable(),
  rendition: renditionSchema,
  createdBy: z.string().nullable(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Document = z.infer<typeof documentSchema>;

/** Registry columns a list can be sorted by. */
export const documentSortKeys = ["number", "createdAt", "title", "status", "company"] as const;
export type DocumentSortKey = (typeof documentSortKeys)[number];
export const documentSorts = [
  "number",
  "createdAt",
  "title",
  "status",
  "company",
  "-number",
  "-createdAt",
  "-title",
  "-status",
  "-company",
] as const;
export type DocumentSort = (typeof documentSorts)[number];

export const listDocumentsQuery = listQuery.extend({
  typeId: idSchema.optional(),
  companyId: idSchema.optional(),
  status: z.string().max(50).optional(),
  itemId: idSchema.optional(),
  q: z.string().trim().max(200).optional(),
  /** Absent: every state but "archived" (archived documents are listed only when asked for). */
  state: documentStateSchema.optional(),
  /** A column, `-` in front for descending; default `-createdAt` (newest first). */
  sort: z.enum(documentSorts).default("-createdAt"),
});
export type ListDocumentsQuery = z.infer<typeof listDocumentsQuery>;

/** Where `q` hit: a piece of the file text (or the title) with the matched words as [start, end) offsets into it. */
export const documentMatchSchema = z.object({
  snippet: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type DocumentMatch = z.infer<typeof documentMatchSchema>;

export const documentListItemSchema = documentSchema.extend({ match: documentMatchSchema.optional() });
export type DocumentListItem = z.infer<typeof documentListItemSchema>;

/** `GET /api/documents`: a page, and how many documents match in all (counted up to the cap, then `totalCapped`). */
export const documentListSchema = z.object({
  items: z.array(documentListItemSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  totalCapped: z.boolean(),
});
export type DocumentList = z.infer<typeof documentListSchema>;
/** Above this many matches the registry says "more than 10,000" instead of counting every row. */
export const DOCUMENT_TOTAL_CAP = 10_000;

/** `POST /api/documents/bulk`: the same change for many documents, each checked and applied on its own. */
export const bulkDocumentsBody = z
  .object({
    ids: z.array(idSchema).min(1).max(500),
    set: z
      .object({
        status: z.string().min(1).max(50),
        responsibleId: idSchema.nullable(),
        companyId: idSchema.nullable(),
      })
      .partial()
      .strict()
      .refine((set) => Object.keys(set).length > 0, {
        message: "Name at least one of status, responsibleId, companyId",
      }),
  })
  .strict();
export type BulkDocumentsBody = z.infer<typeof bulkDocumentsBody>;

export const bulkErrorSchema = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) });
export const bulkDocumentsResultSchema = z.object({
  results: z.array(z.object({ id: z.string(), ok: z.boolean(), error: bulkErrorSchema.optional() })),
});
export type BulkDocumentsResult = z.infer<typeof bulkDocumentsResultSchema>;

/** `POST /api/document-types/:id/reservations`: numbers taken now, files uploaded later. */
export const reserveNumbersBody = z
  .object({
    count: z.number().int().min(1).max(50),
    title: optionalText(300),
    companyId: idSchema.nullable().optional(),
    comment: optionalText(2000),
  })
  .strict();
export type ReserveNumbersBody = z.infer<typeof reserveNumbersBody>;

/** `POST /api/documents/:id/cancel`. */
export const cancelDocumentBody = z.object({ reason: requiredText(2000) }).strict();
export type CancelDocumentBody = z.infer<typeof cancelDocumentBody>;

/** `DELETE /api/documents/:id` may say why (kept in the history); the body is optional. */
export const archiveDocumentBody = z.object({ reason: optionalText(2000) }).strict();
export type ArchiveDocumentBody = z.infer<typeof archiveDocumentBody>;

export const documentFieldsSchema = z.record(z.string(), z.unknown());

/** The text parts of `POST /api/documents` (multipart), after parsing. */
export const registerDocumentForm = z.object({
  typeId: idSchema,
  title: optionalText(300),
  companyId: idSchema.nullable().optional(),
  responsibleId: idSchema.nullable().optional(),
  fields: documentFieldsSchema.optional(),
  itemId: idSchema.optional(),
});
export type RegisterDocumentForm = z.infer<typeof registerDocumentForm>;

export const updateDocumentBody = z
  .object({
    title: requiredText(300),
    companyId: idSchema.nullable(),
    responsibleId: idSchema.nullable(),
    fields: documentFieldsSchema,
  })
  .partial()
  .strict();
export type UpdateDocumentBody = z.infer<typeof updateDocumentBody>;

export const setDocumentStatusBody = z
  .object({ status: z.string().min(1).max(50), comment: optionalText(2000) })
  .strict();
export type SetDocumentStatusBody = z.infer<typeof setDocumentStatusBody>;

export const driveFolderSchema = z.object({ id: z.string(), name: z.string(), path: z.string() });
export type DriveFolder = z.infer<typeof driveFolderSchema>;
export const driveFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  documentId: z.string().nullable(),
});
export const driveListingSchema = z.object({
  path: z.string(),
  folders: z.array(driveFolderSchema),
  files: z.array(driveFileSchema),
  nextCursor: z.string().nullable(),
});
export type DriveListing = z.infer<typeof driveListingSchema>;
export const driveQuery = z.object({
  path: z.string().max(1000).default("/"),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  cursor: z.string().max(512).optional(),
});
export const createDriveFolderBody = z.object({ path: z.string().trim().min(1).max(1000) }).strict();
