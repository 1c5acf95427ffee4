import { Select, TagsInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldDef, FieldType } from "../../api/types";
import { codeNameColumns, flagColumn, ListEditor, type ListFieldProps } from "./ListEditor";

const FIELD_TYPES: FieldType[] = ["text", "number", "money", "date", "select", "user", "company"];

export function FieldsEditor({ value, onChange, errors = {}, saved }: ListFieldProps<FieldDef>) {
  const { t } = useTranslation();
  return (
    <ListEditor
      value={value}
      onChange={onChange}
      minWidth={720}
      hideWhenEmpty
      newRow={(): FieldDef => ({ key: "", label: "", type: "text" })}
      addLabel={t("settings.addField")}
      columns={[
        ...codeNameColumns<FieldDef>({
          code: "key",
          name: "label",
          headings: [t("settings.key"), t("settings.label")],
          labels: [t("settings.key"), t("settings.label")],
          path: "fields",
          errors,
          saved,
          codeWidth: 110,
        }),
        {
          heading: t("fields.type"),
          cell: (field, _index, update) => (
            <Select
              aria-label={t("fields.type")}
              data={FIELD_TYPES.map((type) => ({ value: type, label: t(`settings.fieldTypes.${type}`) }))}
              value={field.type}
              allowDeselect={false}
              onChange={(type) => update({ type: (type as FieldType | null) ?? "text" })}
              w={130}
            />
          ),
        },
        {
          heading: t("settings.options"),
          cell: (field, _index, update) =>
            field.type === "select" && (
              <TagsInput
                aria-label={t("settings.options")}
                value={field.options ?? []}
                onChange={(options) => update({ options })}
                w={200}
              />
            ),
        },
        flagColumn<FieldDef>("required", t("settings.required")),
      ]}
    />
  );
}
