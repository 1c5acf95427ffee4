import { useTranslation } from "react-i18next";
import { documentThumbnailUrl } from "../api/documents";
import type { DocketDocument } from "../api/types";
import { FileIcon } from "./icons";

/** The first page of a document, small, for lists; a plain file icon while there is none. */
export function DocumentThumbnail({ doc, width = 40 }: { doc: DocketDocument; width?: number }) {
  const { t } = useTranslation();
  if (!doc.rendition.thumbnail || !doc.file) {
    return (
      <span
        aria-hidden
        style={{ display: "inline-flex", width, justifyContent: "center", color: "var(--mantine-color-gray-5)" }}
      >
        <FileIcon />
      </span>
    );
  }
  return (
    <img
      src={documentThumbnailUrl(doc.id, doc.file.version)}
      alt={t("documents.thumbnail", { number: doc.number })}
      width={width}
      loading="lazy"
      data-testid="document-thumbnail"
      style={{ display: "block", border: "1px solid var(--mantine-color-gray-3)", background: "white" }}
    />
  );
}
