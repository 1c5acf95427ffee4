import { z } from "zod";

export const idSchema = z.string().min(1).max(64);
export const isoTimestamp = z.string();

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Values a client words the error with, by code (e.g. `placeholders` of template_unknown_placeholder). */
  params: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Trimmed text; an empty string after trimming counts as absent. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .optional();

export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** The code of a document type, a status, a process or a stage. */
export const codeSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}_.-]+$/u, "Letters, digits, '_', '.', '-' only");

/** One line of a document's or an item's history. */
export const historyEntrySchema = z.object({
  at: isoTimestamp,
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const historySchema = z.object({ items: z.array(historyEntrySchema) });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
