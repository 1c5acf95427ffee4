import { Button, Menu } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DocumentFilters } from "../../../api/documents";
import type { DocumentType, FieldDef } from "../../../api/types";
import { JournalDialog } from "../JournalDialog";
import { exportHref } from "../RegistryExportMenu";
import { columnOptions } from "./ColumnChooser";

/**
 * On a phone the registry's less used actions (columns, downloads, the journal, reserving numbers) sit in one «Ещё»
 * menu beside «Загрузить документ», so the header stays one row.
 */
export function RegistryPhoneMenu({
  filters,
  type,
  fields,
  columns,
  onColumns,
  onReserve,
}: {
  filters: DocumentFilters;
  type?: DocumentType;
  fields: FieldDef[];
  columns: string[];
  onColumns: (columns: string[]) => void;
  onReserve: () => void;
}) {
  const { t } = useTranslation();
  const [journalOpen, setJournalOpen] = useState(false);
  const toggle = (column: string) =>
    onColumns(columns.includes(column) ? columns.filter((c) => c !== column) : [...columns, column]);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default">{t("common.more")}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t("registry.columnsHint")}</Menu.Label>
          {columnOptions(fields, t).map((option) => (
            <Menu.Item
              key={option.value}
              role="menuitemcheckbox"
              aria-checked={columns.includes(option.value)}
              closeMenuOnClick={false}
              onClick={() => toggle(option.value)}
              leftSection={<span aria-hidden="true">{columns.includes(option.value) ? "✓" : ""}</span>}
            >
              {option.label}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item component="a" href={exportHref(filters, "csv")} download data-testid="export-csv">
            {t("registryExport.csv")}
          </Menu.Item>
          <Menu.Item component="a" href={exportHref(filters, "xlsx")} download data-testid="export-xlsx">
            {t("registryExport.xlsx")}
          </Menu.Item>
          {type && <Menu.Item onClick={() => setJournalOpen(true)}>{t("registryExport.journal")}</Menu.Item>}
          <Menu.Item onClick={onReserve}>{t("registry.reserve.open")}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {type && journalOpen && <JournalDialog type={type} onClose={() => setJournalOpen(false)} />}
    </>
  );
}
