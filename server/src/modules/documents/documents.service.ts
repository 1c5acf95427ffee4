/**
 * The documents module's public face: other modules (processes, automation, approvals) call these and nothing
 * else from this folder.
 */
import type { Actor } from "../../context.js";
import type { Db } from "../../db/database.js";
import type { DocumentViewer } from "./document-visibility.js";
import { countDocumentsOfCompany, documentsOfItem, visibleDocumentIds } from "./documents.repository.js";
export { documentSummariesByItem, visibleDocumentIds, type ItemDocumentSummary } from "./documents.repository.js";

export {
  registerDocument,
  registerDocumentInWork,
  type RegisterDocumentInput,
  type UploadedFile,
  type GeneratedFile,
} from "./document-registration.js";
export { reserveNumbers } from "./document-reservations.js";
export {
  addDocumentVersion,
  linkDocumentToItem,
  setDocumentStatus,
  updateDocument,
  changeDocumentStatus,
  archiveDocument,
  restoreDocument,
  cancelDocument,
  moveDocumentFile,
  type StatusChange,
} from "./document-changes.js";
export {
  getDocument,
  listDocuments,
  listCompanyDocuments,
  documentHistory,
  openDocumentFile,
} from "./document-queries.js";
export { typeForFolder, restrictedFolderRoots } from "./type-folders.js";
export { typeByCode, requireType, typesByIds, type LoadedType } from "./document-types.service.js";
export { loadForChange } from "./document-changes.js";
export type { ItemLinkCheck } from "./document-references.js";
export {
  canSeeDocument,
  canChangeDocument,
  documentViewer,
  type DocumentParticipantsFilter,
  type DocumentViewer,
} from "./document-visibility.js";
export { receiveUpload, withUpload, parseRegisterForm, mimeTypeFor, type DocumentUpload } from "./document-upload.js";
export { presentDocuments } from "./documents.presenter.js";
export { contentDisposition } from "./content-disposition.js";

/** A document as processes see it (robots read the number and status; `{{document.number}}` in messages). */
export interface LinkedDocument {
  id: string;
  typeId: string;
  number: string;
  title: string;
  statusCode: string;
  companyId: string | null;
  responsibleId: string | null;
  /** The type's custom fields (robot conditions read them, e.g. `amount > 1000000`). */
  fields: Record<string, unknown>;
  /** The current version's number, file name and hash (an approval round is bound to them). */
  version: number;
  fileName: string;
  sha256: string;
}

/** Documents linked to an item, oldest first, with no visibility filter (automation reads them). */
export async function documentsLinkedToItem(db: Db, itemId: string): Promise<LinkedDocument[]> {
  const rows = await documentsOfItem(db, itemId);
  return rows.map((r) => ({
    id: r.id,
    typeId: r.typeId,
    number: r.number,
    title: r.title,
    statusCode: r.statusCode,
    companyId: r.companyId,
    responsibleId: r.responsibleId,
    fields: JSON.parse(r.fields) as Record<string, unknown>,
    version: r.version,
    fileName: r.fileName,
    sha256: r.sha256,
  }));
}

/** Whether the viewer may see the document (absent and hidden look the same). */
export const documentVisible = async (db: Db, viewer: DocumentViewer<Actor>, id: string): Promise<boolean> =>
  (await visibleDocumentIds(db, viewer, [id])).has(id);

/** The CRM hook: a company that documents refer to cannot be deleted (409). */
export async function documentsUsingCompany(db: Db, companyId: string): Promise<string | null> {
  const count = await countDocumentsOfCompany(db, companyId);
  return count > 0 ? `${count} document(s) refer to it` : null;
}
