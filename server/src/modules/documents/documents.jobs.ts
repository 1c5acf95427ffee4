import { blobStoreFor } from "../../blobs/blob-store.js";
import type { AppContext } from "../../context.js";
import { inTransaction } from "../../db/work.js";
import { defineJob, JobGaveUp } from "../../jobs/definition.js";
import { reindexDocument } from "./document-changes.js";
import * as repo from "./documents.repository.js";
import { EXTRACTION_LIMITS } from "./extraction-limits.js";
import { extractTextInThread } from "./text-extraction-thread.js";
import { versionJobPayload, type VersionJobPayload } from "./version-job.js";

// Larger files are still registered and findable by number and title; their text is not read into memory.
const MAX_EXTRACT_BYTES = 64 * 1024 * 1024;
const MAX_TEXT_CHARS = EXTRACTION_LIMITS.maxTextChars;

/**
 * Reads the text of one document version into the search index. Idempotent: a job for a version that is no
 * longer current does nothing (the newer version has its own job). A file whose text cannot be read is marked
 * "failed" and stays registered, and the job fails at once with the reason (no retry reads a hostile file better);
 * only storage errors are retried.
 */
export async function extractDocumentText(ctx: AppContext, payload: VersionJobPayload) {
  const row = await repo.findDocumentRow(ctx.db, payload.documentId);
  if (!row || row.version !== payload.version) return;
  const bytes =
    Number(row.fileSize) <= MAX_EXTRACT_BYTES
      ? await blobStoreFor(ctx.config).readVerified(row.sha256, MAX_EXTRACT_BYTES)
      : undefined;
  let state: "done" | "failed" | "unsupported" = "unsupported";
  let text = "";
  let failure: string | undefined;
  if (bytes) {
    try {
      const extracted = await extractTextInThread(bytes, row.mimeType);
      if (extracted !== undefined) {
        state = "done";
        text = extracted.replace(/\s+/g, " ").trim().slice(0, MAX_TEXT_CHARS);
      }
    } catch (error) {
      state = "failed";
      failure = error instanceof Error ? error.message : String(error);
      ctx.log.warn({ err: error, documentId: row.id, version: row.version }, "cannot extract document text");
    }
  }
  await inTransaction(ctx, async ({ trx, at }) => {
    const current = await repo.findDocumentRow(trx, row.id);
    if (!current || current.version !== payload.version) return;
    await repo.saveText(trx, {
      documentId: row.id,
      version: row.version,
      state,
      text,
      at,
    });
    await reindexDocument(ctx, trx, current);
  });
  if (failure !== undefined)
    throw new JobGaveUp(`text of ${row.number} v${row.version} (${row.fileName}) not read: ${failure}`);
}

/** The text of one document version into the search index (registration and new versions enqueue it). */
export const extractTextJob = defineJob({
  kind: "documents.extractText",
  payload: versionJobPayload,
  maxAttempts: 3,
  // One extraction at a time per worker, beside the robots: a long file never delays a robot queued behind it.
  concurrency: 1,
  run: extractDocumentText,
});
