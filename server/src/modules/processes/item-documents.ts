import type { Db } from "../../db/database.js";
import type { Actor, AppContext } from "../../context.js";
import {
  documentSummariesByItem,
  documentViewer,
  documentsLinkedToItem,
  visibleDocumentIds,
  type ItemDocumentSummary,
  type LinkedDocument,
} from "../documents/index.js";

/** The documents module, as items and robots need it: one adapter, so the rest of processes does not care. */
export type ItemDocument = LinkedDocument;
export type { ItemDocumentSummary };

/** Where documents are read (a transaction's handle in a robot) and the visibility policy of the composition root. */
export type DocumentReader = Pick<AppContext, "db" | "hooks">;

export const linkedDocuments = (db: Db, itemId: string): Promise<ItemDocument[]> => documentsLinkedToItem(db, itemId);

/** Each item's documents that `actor` may open (null = automation: all), oldest first, in one query. */
export const documentsOfItems = (
  reader: DocumentReader,
  itemIds: string[],
  actor: Actor | null,
): Promise<Map<string, ItemDocumentSummary[]>> =>
  documentSummariesByItem(reader.db, itemIds, documentViewer(reader, actor));

export const documentsVisibleTo = (reader: DocumentReader, actor: Actor, ids: string[]): Promise<Set<string>> =>
  visibleDocumentIds(reader.db, documentViewer(reader, actor), ids);
