import type { Db } from "../../db/database.js";
import type { Actor } from "../../context.js";
import {
  documentIdsByItem,
  documentsLinkedToItem,
  visibleDocumentIds,
  type LinkedDocument,
} from "../documents/index.js";

/** The documents module, as items and robots need it: one adapter, so the rest of processes does not care. */
export type ItemDocument = LinkedDocument;

export const linkedDocuments = (db: Db, itemId: string): Promise<ItemDocument[]> => documentsLinkedToItem(db, itemId);

/** Ids of each item's documents that `actor` may open (null = automation: all), in one query. */
export const documentIdsOfItems = (db: Db, itemIds: string[], actor: Actor | null): Promise<Map<string, string[]>> =>
  documentIdsByItem(db, itemIds, actor);

export const documentsVisibleTo = (db: Db, actor: Actor, ids: string[]): Promise<Set<string>> =>
  visibleDocumentIds(db, actor, ids);
