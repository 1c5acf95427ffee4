import type { ItemHistoryEntry } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { listHistory } from "../audit/audit.repository.js";
import { requireVisibleItem } from "./items.service.js";

/** Stage moves, edits, approvals and robot runs of an item, oldest first; actor null = automation. */
export async function itemHistory(ctx: AppContext, actor: Actor, id: string): Promise<{ items: ItemHistoryEntry[] }> {
  await requireVisibleItem(ctx.db, actor, id);
  const rows = await listHistory(ctx.db, "item", id);
  return { items: rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, details: r.details })) };
}
