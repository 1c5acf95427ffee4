import { Select, Stack, TextInput } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentTypes } from "../../api/documents";

/** The choice that lets a code be typed: an item's own fields are free-form (API.md), so not all can be listed. */
const OTHER = "\u0000other";

/** Fields every item has, and those of its linked documents, as the robot runner reads them (automation/conditions.ts). */
const ITEM_FIELDS = { "item.title": "itemTitle", amount: "amount", company: "company", stage: "stage" };
const DOCUMENT_FIELDS = {
  "document.number": "documentNumber",
  "document.title": "documentTitle",
  "document.status": "documentStatus",
};
const options = (fields: Record<string, string>, t: TFunction) =>
  Object.entries(fields).map(([value, key]) => ({ value, label: t(`robots.fields.${key}`) }));

/** The fields a condition may name, grouped, with their names; `nameOf` gives a field's name, or its code. */
export function useConditionFields() {
  const { t } = useTranslation();
  const types = useDocumentTypes();
  const builtIn = [...options(ITEM_FIELDS, t), ...options(DOCUMENT_FIELDS, t)];
  const codes = new Set([...builtIn.map((o) => o.value), "title"]);
  const labels = new Map<string, string[]>();
  for (const type of types.data?.items ?? [])
    for (const field of type.fields) {
      if (codes.has(field.key)) continue;
      const known = labels.get(field.key) ?? [];
      if (!known.includes(field.label)) labels.set(field.key, [...known, field.label]);
    }
  const custom = [...labels].map(([key, names]) => ({ value: key, label: names.join(" / ") }));
  const names = new Map([...builtIn, ...custom].map((o) => [o.value, o.label]));
  names.set("title", names.get("item.title")!);
  return {
    ready: types.isSuccess,
    listed: (field: string) => names.has(field),
    nameOf: (field: string) => names.get(field) ?? field,
    groups: [
      { group: t("robots.fieldGroups.item"), items: options(ITEM_FIELDS, t) },
      { group: t("robots.fieldGroups.document"), items: options(DOCUMENT_FIELDS, t) },
      ...(custom.length > 0 ? [{ group: t("robots.fieldGroups.custom"), items: custom }] : []),
    ],
  };
}

/**
 * A robot condition's field, chosen by its name: the built-in fields in the interface's language and the document
 * types' custom fields by their labels. The saved condition keeps the field's code (`amount`, `document.number`).
 */
export function ConditionFieldPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (field: string) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const fields = useConditionFields();
  const [typing, setTyping] = useState(false);
  const typed = typing || (value !== "" && fields.ready && !fields.listed(value));

  const data = [
    ...fields.groups,
    { group: t("robots.fieldGroups.other"), items: [{ value: OTHER, label: t("robots.fieldByCode") }] },
  ];
  // A saved "title" reads the item's title, as "item.title" does.
  const selected = typed ? OTHER : value === "title" ? "item.title" : value || null;

  return (
    <Stack gap={4}>
      <Select
        label={t("robots.field")}
        placeholder={t("robots.fieldPlaceholder")}
        required
        searchable
        allowDeselect={false}
        data={data}
        value={selected}
        onChange={(next) => {
          setTyping(next === OTHER);
          onChange(next === OTHER || next === null ? "" : next);
        }}
        error={typed ? undefined : error}
        comboboxProps={{ withinPortal: true, width: "max-content", position: "bottom-start" }}
      />
      {typed && (
        <TextInput
          label={t("robots.fieldCode")}
          description={t("robots.fieldHint")}
          required
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
        />
      )}
    </Stack>
  );
}
