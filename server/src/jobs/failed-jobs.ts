import type { FailedJob } from "@docket/common";
import type { Db } from "../db/database.js";
import { decodeCursor, toPage, type Page } from "../lib/pagination.js";

/** Jobs given up on, newest first: what an admin checks when a document has no text or a robot never acted. */
export async function listFailedJobs(db: Db, query: { limit: number; cursor?: string }): Promise<Page<FailedJob>> {
  const after = decodeCursor(query.cursor);
  let select = db
    .selectFrom("jobs")
    .select(["id", "kind", "payload", "attempts", "maxAttempts", "lastError", "failedAt", "createdAt"])
    .where("failedAt", "is not", null)
    .orderBy("failedAt", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (after) {
    const key = String(after.key);
    select = select.where((eb) =>
      eb.or([eb("failedAt", "<", key), eb.and([eb("failedAt", "=", key), eb("id", "<", after.id)])]),
    );
  }
  const rows = await select.execute();
  const jobs = rows.map((row) => ({
    ...row,
    payload: readPayload(row.payload),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    failedAt: row.failedAt!,
  }));
  return toPage(jobs, query.limit, (job) => ({ key: job.failedAt, id: job.id }));
}

/** A payload that is not JSON is why its job failed: the list shows it as stored instead of failing itself. */
function readPayload(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}
