import { Table, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A column heading; `hint` shows on hover where the heading alone is too short to explain the column. */
export type ColumnHeading = string | { label: string; hint?: string };

/**
 * A table's header row. `actions`: the rows end in a cell of buttons (edit, move, remove), whose column is named for
 * screen readers.
 */
export function TableHead({ headings, actions = false }: { headings: ColumnHeading[]; actions?: boolean }) {
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
        {actions && (
          <Table.Th>
            <VisuallyHidden>{t("common.rowActions")}</VisuallyHidden>
          </Table.Th>
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
