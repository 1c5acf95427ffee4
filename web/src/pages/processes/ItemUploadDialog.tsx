import { useDocuments } from "../../api/documents";
import type { Item } from "../../api/types";
import { UploadDialog } from "../documents/UploadDialog";

/**
 * The upload dialog for a process item (its card or its kanban card): the documents are linked to the item, the company
 * is the item's, and the type starts as the item's newest document's, else the one last uploaded in this process.
 */
export function ItemUploadDialog({
  item,
  onClose,
}: {
  item: Pick<Item, "id" | "processId" | "companyId">;
  onClose: () => void;
}) {
  const documents = useDocuments({ itemId: item.id });
  // The type is the dialog's starting state: wait for the item's documents before opening it.
  if (documents.isPending) return null;
  return (
    <UploadDialog
      opened
      itemId={item.id}
      companyId={item.companyId}
      typeId={processDocumentType(item.processId, documents.data?.pages[0]?.items[0]?.typeId)}
      onUploaded={(doc) => rememberProcessDocumentType(item.processId, doc.typeId)}
      onClose={onClose}
    />
  );
}

const typeKey = (processId: string) => `docket.upload.type.${processId}`;

function processDocumentType(processId: string, newestOfItem: string | undefined): string | null {
  return newestOfItem ?? localStorage.getItem(typeKey(processId));
}

function rememberProcessDocumentType(processId: string, typeId: string): void {
  localStorage.setItem(typeKey(processId), typeId);
}
