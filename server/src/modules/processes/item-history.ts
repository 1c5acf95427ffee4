import type { HistoryEntry } from "@docket/common";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import { listHistory } from "../audit/index.js";
import { documentsVisibleTo, linkedDocuments } from "./item-documents.js";
import { requireVisibleItem } from "./items.service.js";

const HIDDEN = "…";

/**
 * Stage moves, edits, approvals and robot runs of an item, oldest first; actor null = automation. Seeing an item
 * does not mean seeing all its documents: an entry names (id, number, title) only documents the caller may open.
 */
export async function itemHistory(ctx: AppContext, actor: Actor, id: string): Promise<{ items: HistoryEntry[] }> {
  await requireVisibleItem(ctx.db, actor, id);
  const rows = await listHistory(ctx.db, "item", id);
  const items = rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, details: r.details }));
  if (isAdmin(actor)) return { items };

  const linked = await linkedDocuments(ctx.db, id);
  const referenced = items.flatMap((entry) => documentIdsIn(entry.details));
  const visible = await documentsVisibleTo(ctx, actor, [...linked.map((d) => d.id), ...referenced]);
  const hidden = linked.filter((d) => !visible.has(d.id));
  // Free text (a notification rendered with {{document.number}}) may quote a hidden document too.
  const quotes = hidden.flatMap((d) => [d.number, d.title]).filter((s) => s.trim().length >= 3);
  return { items: items.map((entry) => ({ ...entry, details: redact(entry.details, visible, quotes) })) };
}

function documentIdsIn(details: Record<string, unknown>): string[] {
  const ids: string[] = [];
  if (typeof details.documentId === "string") ids.push(details.documentId);
  if (Array.isArray(details.documents))
    for (const d of details.documents as { id?: unknown }[]) if (typeof d?.id === "string") ids.push(d.id);
  return ids;
}

function redact(details: Record<string, unknown>, visible: Set<string>, quotes: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...details };
  if (typeof out.documentId === "string" && !visible.has(out.documentId)) {
    delete out.documentId;
    delete out.number;
    delete out.title;
    out.documentHidden = true;
  }
  if (Array.isArray(out.documents)) {
    const all = out.documents as { id?: unknown }[];
    const shown = all.filter((d) => typeof d?.id !== "string" || visible.has(d.id));
    out.documents = shown;
    if (shown.length < all.length) out.hiddenDocuments = all.length - shown.length;
  }
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === "string") out[key] = quotes.reduce((text, quote) => text.replaceAll(quote, HIDDEN), value);
  }
  return out;
}
