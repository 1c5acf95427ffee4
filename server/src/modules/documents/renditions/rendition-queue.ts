import type { Work } from "../../../db/work.js";
import { renderJob } from "./renditions.jobs.js";

/** Queues the rendition of one version; the key makes a repeated enqueue of the same version a no-op. */
export const enqueueRendition = (work: Work, documentId: string, version: number) =>
  work.enqueue(renderJob, { documentId, version }, { key: `${renderJob.kind}:${documentId}:${version}` });
