import { Alert, Badge, Group, Loader, Stack, Text } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { documentPreviewUrl } from "../../api/documents";
import type { DocketDocument, DocumentFile } from "../../api/types";
import { explainRenditionReason } from "./rendition-reason";

const PdfPreview = lazy(() => import("./PdfPreview"));

const OFFICE = /word|excel|spreadsheet|presentation|opendocument|rtf|msword/;

/** The card's preview: the rendition drawn with pdf.js, or why there is none (yet). */
export function DocumentRendition({ doc, file }: { doc: DocketDocument; file: DocumentFile }) {
  const { t } = useTranslation();
  const { rendition } = doc;
  if (rendition.state === "pending") {
    return (
      <Group gap="xs" role="status" data-testid="rendition-pending">
        <Loader size="xs" />
        <Text c="dimmed">{t("rendition.pending")}</Text>
      </Group>
    );
  }
  if (rendition.state !== "ready") {
    const message =
      rendition.state === "failed"
        ? t("rendition.failed")
        : OFFICE.test(file.mimeType)
          ? t("rendition.officeMissing")
          : file.mimeType.startsWith("image/")
            ? t("rendition.ocrMissing")
            : t("rendition.noPreviewForType");
    return (
      <Alert color={rendition.state === "failed" ? "orange" : "gray"} data-testid="rendition-unavailable">
        <Text size="sm">{message}</Text>
        {rendition.state === "failed" && rendition.reason && (
          <Text size="xs" c="dimmed" mt={4}>
            {t("rendition.reason", { reason: explainRenditionReason(rendition.reason, t) })}
          </Text>
        )}
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      {(rendition.ocr || rendition.pages !== undefined) && (
        <Group gap="xs">
          {rendition.ocr && (
            <Badge variant="light" color="teal" data-testid="rendition-ocr">
              {t("rendition.ocr")}
            </Badge>
          )}
          {rendition.pages !== undefined && (
            <Text size="sm" c="dimmed">
              {t("rendition.pages", { count: rendition.pages })}
            </Text>
          )}
        </Group>
      )}
      {rendition.reason && (
        <Text size="sm" c="dimmed" data-testid="rendition-note">
          {explainRenditionReason(rendition.reason, t)}
        </Text>
      )}
      <Suspense fallback={null}>
        <PdfPreview url={documentPreviewUrl(doc.id, file.version)} />
      </Suspense>
    </Stack>
  );
}
