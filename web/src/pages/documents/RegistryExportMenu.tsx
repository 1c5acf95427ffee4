import { Button, Group } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { withQuery } from "../../api/client";
import type { DocumentFilters } from "../../api/documents";
import type { DocumentType } from "../../api/types";
import { JournalDialog } from "./JournalDialog";

/** A download of the registry as it is filtered now. */
export const exportHref = (filters: DocumentFilters & { state?: string }, format: "csv" | "xlsx") =>
  withQuery("/api/documents/export", { ...filters, format });

/**
 * Downloads of the registry as it is filtered now (CSV, Excel), and the registration journal of the filtered type.
 * Plain links: the browser streams the file to disk however large the registry is.
 */
export function RegistryExportMenu({
  filters,
  type,
}: {
  filters: DocumentFilters & { state?: string };
  type?: DocumentType;
}) {
  const { t } = useTranslation();
  const [journalOpen, setJournalOpen] = useState(false);
  const href = (format: "csv" | "xlsx") => exportHref(filters, format);
  return (
    <Group gap="xs" role="group" aria-label={t("registryExport.label")}>
      <Button component="a" href={href("csv")} download variant="default" data-testid="export-csv">
        {t("registryExport.csv")}
      </Button>
      <Button component="a" href={href("xlsx")} download variant="default" data-testid="export-xlsx">
        {t("registryExport.xlsx")}
      </Button>
      {type && (
        <Button variant="default" onClick={() => setJournalOpen(true)}>
          {t("registryExport.journal")}
        </Button>
      )}
      {type && journalOpen && <JournalDialog type={type} onClose={() => setJournalOpen(false)} />}
    </Group>
  );
}
