import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { blobStoreFor } from "../../../blobs/blob-store.js";
import type { AppContext } from "../../../context.js";
import { inTransaction } from "../../../db/work.js";
import { metrics } from "../../../metrics/metrics.js";
import { defineJob, type JobInfo } from "../../../jobs/definition.js";
import { reindexDocument } from "../document-changes.js";
import * as documents from "../documents.repository.js";
import { versionJobPayload, type VersionJobPayload } from "../version-job.js";
import { detectConverters } from "./converters.js";
import { renderFile, type RenditionResult } from "./render.js";
import { renditionKindOf } from "./rendition-kinds.js";
import * as repo from "./renditions.repository.js";

/**
 * Renders one document version: PDF preview, thumbnail, and OCR text for scans. Idempotent: a version that has
 * its rendition already is skipped. A file the converters refuse ends "failed" with their reason and is not
 * retried; only storage and database errors are, and after the last attempt the rendition fails too.
 */
export async function renderDocumentVersion(ctx: AppContext, payload: VersionJobPayload, job?: JobInfo): Promise<void> {
  if (await repo.findRendition(ctx.db, payload.documentId, payload.version)) return;
  const version = await documents.findVersion(ctx.db, payload.documentId, payload.version);
  if (!version) return;
  const stopHeartbeat = job ? keepClaimed(ctx, job.id) : () => {};
  let result: ReadyOutputs | { state: "failed" | "unsupported"; reason: string };
  const timer = metrics.renditionDuration.startTimer({ format: renditionKindOf(version.mimeType).extension });
  try {
    result = await renderStoredFile(ctx, version.sha256, version.mimeType);
    timer({ outcome: result.state });
  } catch (error) {
    if (job && job.attempts < job.maxAttempts) throw error;
    ctx.log.error({ err: error, ...payload }, "rendition failed");
    result = { state: "failed", reason: `Internal error: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    stopHeartbeat();
  }
  await saveResult(ctx, payload, result.state === "ready" ? await storeOutputs(ctx, result) : result);
}

async function renderStoredFile(
  ctx: AppContext,
  sha256: string,
  mimeType: string,
): Promise<ReadyOutputs | Exclude<RenditionResult, { state: "ready" }>> {
  const { kind, extension } = renditionKindOf(mimeType);
  const converters = await detectConverters(ctx.config.renditions);
  const workDir = await fsp.mkdtemp(path.join(os.tmpdir(), "docket-render-"));
  try {
    const file = path.join(workDir, `input.${extension}`);
    if (kind !== "none") {
      await pipeline(await blobStoreFor(ctx.config).openVerified(sha256), fs.createWriteStream(file));
    }
    const result = await renderFile({ file, kind, extension, workDir }, ctx.config.renditions, converters);
    // The outputs are read into the blob store before the work folder goes.
    return result.state === "ready" ? await readOutputs(result) : result;
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}

interface ReadyOutputs {
  state: "ready";
  pages: number | null;
  ocr: boolean;
  pdf?: Buffer;
  thumbnail?: Buffer;
  text?: string;
  note?: string;
}

async function readOutputs(result: Extract<RenditionResult, { state: "ready" }>): Promise<ReadyOutputs> {
  return {
    ...result,
    pdf: result.pdf ? await fsp.readFile(result.pdf) : undefined,
    thumbnail: result.thumbnail ? await fsp.readFile(result.thumbnail) : undefined,
  };
}

interface StoredOutputs {
  state: "ready";
  pages: number | null;
  ocr: boolean;
  pdfSha256: string | null;
  thumbnailSha256: string | null;
  text: string | null;
  note?: string;
}

async function storeOutputs(ctx: AppContext, result: ReadyOutputs): Promise<StoredOutputs> {
  return {
    state: "ready",
    pages: result.pages,
    ocr: result.ocr,
    pdfSha256: result.pdf ? await storeBytes(ctx, result.pdf) : null,
    thumbnailSha256: result.thumbnail ? await storeBytes(ctx, result.thumbnail) : null,
    // PostgreSQL text cannot hold NUL.
    text: result.text?.replaceAll("\u0000", "").replace(/\s+/g, " ").trim() || null,
    note: result.note,
  };
}

async function storeBytes(ctx: AppContext, bytes: Buffer): Promise<string> {
  const store = blobStoreFor(ctx.config);
  const blob = await store.receive(Readable.from([bytes]));
  await store.commit(blob);
  return blob.sha256;
}

async function saveResult(
  ctx: AppContext,
  key: { documentId: string; version: number },
  result: StoredOutputs | { state: "failed" | "unsupported"; reason: string },
): Promise<void> {
  await inTransaction(ctx, async ({ trx, at }) => {
    const row: repo.RenditionRow =
      result.state === "ready"
        ? {
            ...key,
            state: "ready",
            reason: result.note ?? null,
            pages: result.pages,
            ocr: result.ocr ? 1 : 0,
            pdfSha256: result.pdfSha256,
            thumbnailSha256: result.thumbnailSha256,
            text: result.text,
            updatedAt: at,
          }
        : {
            ...key,
            state: result.state,
            reason: result.reason,
            pages: null,
            ocr: 0,
            pdfSha256: null,
            thumbnailSha256: null,
            text: null,
            updatedAt: at,
          };
    await repo.saveRendition(trx, row);
    // The recognised text replaces the file's own (unusable) text layer in the index of the current version.
    if (row.text) {
      const current = await documents.findDocumentRow(trx, key.documentId);
      if (current?.version === key.version) await reindexDocument(ctx, trx, current);
    }
  });
}

/** Long conversions keep their job's claim fresh, so another worker does not take the job over mid-run. */
function keepClaimed(ctx: AppContext, jobId: string): () => void {
  const timer = setInterval(() => {
    const until = new Date(ctx.clock.now().getTime() + 60_000).toISOString();
    ctx.db
      .updateTable("jobs")
      .set({ lockedUntil: until })
      .where("id", "=", jobId)
      .where("doneAt", "is", null)
      .execute()
      .catch((error: unknown) => ctx.log.warn({ err: error, jobId }, "cannot extend a render job's claim"));
  }, 20_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Preview, thumbnail and OCR text of one document version (registration and new versions enqueue it). */
export const renderJob = defineJob({
  kind: "documents.render",
  payload: versionJobPayload,
  maxAttempts: 3,
  // Beside the robots, one at a time per worker: a scan's OCR never delays a robot. A conversion holds a core for
  // seconds to minutes; conversions are also bounded per process (DOCKET_CONVERSIONS).
  concurrency: 1,
  run: renderDocumentVersion,
});
