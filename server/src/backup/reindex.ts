import type { AppContext } from "../context.js";
import { inTransaction } from "../db/work.js";
import { reindexDocument } from "../modules/documents/document-changes.js";

/** Rebuilds the full-text index (derived data, not carried in backups) from the stored numbers, titles and texts. */
export async function rebuildSearchIndex(ctx: AppContext): Promise<number> {
  let after = "";
  let count = 0;
  for (;;) {
    const rows = await ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(500)
      .execute();
    if (rows.length === 0) return count;
    await inTransaction(ctx, async ({ trx }) => {
      for (const row of rows) await reindexDocument(ctx, trx, row);
    });
    count += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
