import type { Db } from "../../db/database.js";
import type { Actor } from "../../context.js";
import {
  documentSummariesByItem,
  documentsLinkedToItem,
  visibleDocumentIds,
  type ItemDocumentSummary,
  type LinkedDocument,
} from "../documents/index.js";

/** The documents module, as items and robots need it: one adapter, so the rest of processes does not care. */
export type ItemDocument = LinkedDocument;
export type { ItemDocumentSummary };

export const linkedDocuments = (db: Db, itemId: string): Promise<ItemDocument[]> => documentsLinkedToItem(db, itemId);

/** Each item's documents that `actor` may open (null = automation: all), oldest first, in one query. */
export const documentsOfItems = (
  db: Db,
  itemIds: string[],
  actor: Actor | null,
): Promise<Map<string, ItemDocumentSummary[]>> => documentSummariesByItem(db, itemIds, actor);

export const documentsVisibleTo = (db: Db, actor: Actor, ids: string[]): Promise<Set<string>> =>
  visibleDocumentIds(db, actor, ids);
