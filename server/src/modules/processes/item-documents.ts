import type { Db } from "../../db/database.js";
import { documentsLinkedToItem, type LinkedDocument } from "../documents/documents.service.js";

/** The documents module, as items and robots need it: one adapter, so the rest of processes does not care. */
export type ItemDocument = LinkedDocument;

export const linkedDocuments = (db: Db, itemId: string): Promise<ItemDocument[]> => documentsLinkedToItem(db, itemId);

export async function documentIdsOfItems(db: Db, itemIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const itemId of itemIds)
    map.set(
      itemId,
      (await documentsLinkedToItem(db, itemId)).map((d) => d.id),
    );
  return map;
}
