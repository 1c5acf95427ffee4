import type { Work } from "../../../db/work.js";

export const RENDER_JOB = "documents.render";
/**
 * How many render jobs one worker runs at once, apart from its batches (the worker's per-kind limit): a conversion
 * holds a core for seconds to minutes. Conversions themselves are also bounded per process (DOCKET_CONVERSIONS).
 */
export const RENDER_JOB_CONCURRENCY = 1;
export const RENDER_MAX_ATTEMPTS = 3;

/** Queues the rendition of one version; the key makes a repeated enqueue of the same version a no-op. */
export const enqueueRendition = (work: Work, documentId: string, version: number) =>
  work.enqueue({
    kind: RENDER_JOB,
    payload: { documentId, version },
    key: `${RENDER_JOB}:${documentId}:${version}`,
    maxAttempts: RENDER_MAX_ATTEMPTS,
  });
