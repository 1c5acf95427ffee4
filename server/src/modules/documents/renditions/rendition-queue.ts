import type { Work } from "../../../db/work.js";
import { enqueueVersionJob } from "../version-job.js";
import { renderJob } from "./renditions.jobs.js";

/** Queues the rendition of one version, once. */
export const enqueueRendition = (work: Work, documentId: string, version: number) =>
  enqueueVersionJob(work, renderJob, documentId, version);
