import { z } from "zod";
import { isoTimestamp, listQuery } from "./common.js";

/** A background job that was given up on: out of attempts, or failed in a way no retry can fix. */
export const failedJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  payload: z.unknown(),
  attempts: z.number(),
  maxAttempts: z.number(),
  /** Why it failed (the last attempt's error). */
  lastError: z.string().nullable(),
  failedAt: isoTimestamp,
  createdAt: isoTimestamp,
});
export type FailedJob = z.infer<typeof failedJobSchema>;

export const listJobsQuery = listQuery.extend({ state: z.enum(["failed"]) });
