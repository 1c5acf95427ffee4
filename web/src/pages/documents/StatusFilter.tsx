import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DocumentType } from "../../api/types";

const SEPARATOR = "\u0000";

/**
 * The registry's status filter. Status codes belong to a type ("draft" is «Черновик» of a contract and «Проект» of
 * an order), so without a chosen type the statuses are listed under their types and picking one filters by that
 * (type, status) pair — never by the bare code across types.
 */
export function StatusFilter({
  types,
  typeId,
  status,
  onChange,
}: {
  types: DocumentType[];
  typeId: string | undefined;
  status: string | undefined;
  onChange: (typeId: string | undefined, status: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const chosen = typeId ? types.filter((type) => type.id === typeId) : types;
  const data = chosen.map((type) => ({
    group: type.name,
    items: type.statuses.map((s) => ({ value: `${type.id}${SEPARATOR}${s.code}`, label: s.name })),
  }));
  return (
    <Select
      label={t("fields.status")}
      clearable
      searchable
      data={typeId ? data.flatMap((group) => group.items) : data}
      value={typeId && status ? `${typeId}${SEPARATOR}${status}` : null}
      onChange={(value) => {
        if (!value) return onChange(typeId, undefined);
        const [pickedType, code] = value.split(SEPARATOR);
        onChange(pickedType, code);
      }}
      data-testid="status-filter"
    />
  );
}
