import { z } from "zod";
import type { Work } from "../../db/work.js";
import type { JobDefinition } from "../../jobs/definition.js";

/** The payload of a job about one version of a document: its text, its renditions. */
export const versionJobPayload = z.object({ documentId: z.string(), version: z.number().int() });
export type VersionJobPayload = z.infer<typeof versionJobPayload>;

/** Queues `job` for one version; the key makes a repeated enqueue of the same version a no-op. */
export const enqueueVersionJob = (
  work: Work,
  job: JobDefinition<VersionJobPayload>,
  documentId: string,
  version: number,
) => work.enqueue(job, { documentId, version }, { key: `${job.kind}:${documentId}:${version}` });
