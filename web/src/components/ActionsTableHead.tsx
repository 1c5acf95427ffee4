import { Table, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A column heading; `hint` shows on hover where the heading alone is too short to explain the column. */
export type ColumnHeading = string | { label: string; hint?: string };

/** The header row of a table whose rows end in a cell of buttons (edit, move, remove), named for screen readers. */
export function ActionsTableHead({ headings }: { headings: ColumnHeading[] }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {headings.map((heading) =>
          typeof heading === "string" ? (
            <Table.Th key={heading}>{heading}</Table.Th>
          ) : (
            <Table.Th key={heading.label} title={heading.hint}>
              {heading.label}
            </Table.Th>
          ),
        )}
        <Table.Th>
          <VisuallyHidden>{t("common.rowActions")}</VisuallyHidden>
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}
