import type { Db } from "../../db/database.js";
import { documentIdsByItem, documentsLinkedToItem, type LinkedDocument } from "../documents/documents.service.js";

/** The documents module, as items and robots need it: one adapter, so the rest of processes does not care. */
export type ItemDocument = LinkedDocument;

export const linkedDocuments = (db: Db, itemId: string): Promise<ItemDocument[]> => documentsLinkedToItem(db, itemId);

/** Ids of each item's documents, in one query. */
export const documentIdsOfItems = (db: Db, itemIds: string[]): Promise<Map<string, string[]>> =>
  documentIdsByItem(db, itemIds);
