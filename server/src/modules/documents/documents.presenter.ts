import type { Document, DocumentStatusDef } from "@docket/common";
import type { Db } from "../../db/database.js";
import { folderPathsByIds } from "../drive/index.js";
import { typesByIds, type LoadedType } from "./document-types.service.js";
import { itemIdsByDocument, type DocumentRow, type DocumentWithCardRow } from "./documents.repository.js";
import { NO_FILE_RENDITION, presentRendition } from "./renditions/rendition-presenter.js";
import { renditionsOf } from "./renditions/renditions.repository.js";

export function statusOf(
  type: Pick<LoadedType, "statuses"> | undefined,
  code: string,
): { code: string; name: string; color: string } {
  const status = type?.statuses.find((s) => s.code === code);
  return { code, name: status?.name ?? code, color: status?.color ?? "#868e96" };
}

/** A reserved number has no file until its first version is uploaded. */
export const hasFile = (row: Pick<DocumentRow, "version">): boolean => row.version > 0;

export function presentDocument(
  row: DocumentRow,
  type: Pick<LoadedType, "statuses"> | undefined,
  folderPath: string,
  itemIds: string[],
  rendition?: Parameters<typeof presentRendition>[1],
): Document {
  return {
    id: row.id,
    typeId: row.typeId,
    number: row.number,
    title: row.title,
    companyId: row.companyId,
    responsibleId: row.responsibleId,
    itemIds,
    status: statusOf(type, row.statusCode),
    folder: { id: row.folderId, path: folderPath },
    file: hasFile(row)
      ? {
          name: row.fileName,
          size: Number(row.fileSize),
          mimeType: row.mimeType,
          sha256: row.sha256,
          version: row.version,
        }
      : null,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    state: row.state,
    cancellation: row.cancelledAt ? { at: row.cancelledAt, reason: row.cancelReason ?? "" } : null,
    rendition: hasFile(row) ? presentRendition(row.mimeType, rendition) : NO_FILE_RENDITION,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Presents a page of rows with four batched look-ups (types, folders, item links, renditions), not four per row. */
export async function presentDocuments(db: Db, rows: DocumentRow[]): Promise<Document[]> {
  const [types, folders, items, renditions] = await Promise.all([
    typesByIds(
      db,
      rows.map((r) => r.typeId),
    ),
    folderPathsByIds(
      db,
      rows.map((r) => r.folderId),
    ),
    itemIdsByDocument(
      db,
      rows.map((r) => r.id),
    ),
    renditionsOf(db, rows),
  ]);
  return rows.map((r) =>
    presentDocument(
      r,
      types.get(r.typeId),
      folders.get(r.folderId) ?? "/",
      items.get(r.id) ?? [],
      renditions.get(r.id),
    ),
  );
}

export async function presentOne(db: Db, row: DocumentRow): Promise<Document> {
  const [document] = await presentDocuments(db, [row]);
  if (!document) throw new Error("presenting a document yielded nothing");
  return document;
}

/** A document read with its card in one statement (`findVisibleDocumentWithCard`): no further look-up. */
export function presentDocumentWithCard(row: DocumentWithCardRow, itemIds: string[]): Document {
  return presentDocument(
    row,
    row.typeStatuses === null ? undefined : { statuses: JSON.parse(row.typeStatuses) as DocumentStatusDef[] },
    row.folderPath ?? "/",
    itemIds,
    row.renditionState === null
      ? undefined
      : {
          state: row.renditionState,
          reason: row.renditionReason,
          pages: row.renditionPages,
          ocr: row.renditionOcr ?? 0,
          thumbnailSha256: row.renditionThumbnailSha256,
        },
  );
}
