import type { BulkDocumentsBody, BulkDocumentsResult } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { AppError } from "../../lib/errors.js";
import { changeDocument } from "./document-changes.js";

type BulkResult = BulkDocumentsResult["results"][number];

/**
 * `POST /api/documents/bulk`: each document is changed or refused on its own, by the rules of a single change,
 * one after another (a bulk change never holds many row locks at once). An unexpected error is not a refusal:
 * it stops the request, and the documents already changed stay changed, as each was its own change.
 */
export async function bulkChangeDocuments(
  ctx: AppContext,
  actor: Actor,
  body: BulkDocumentsBody,
): Promise<BulkDocumentsResult> {
  const results: BulkResult[] = [];
  for (const id of new Set(body.ids)) {
    try {
      await changeDocument(ctx, actor, id, body.set);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const code = error.reason?.code ?? error.code;
      results.push({ id, ok: false, error: { code, params: error.reason?.params ?? {} } });
    }
  }
  return { results };
}
