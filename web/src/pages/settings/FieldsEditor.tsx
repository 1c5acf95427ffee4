import { Button, Checkbox, Group, Select, Stack, Table, TagsInput, TextInput, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldDef, FieldType } from "../../api/types";
import { RowControls } from "../../components/RowControls";
import { codeAfterRename } from "../../lib/codes";
import { moveAt, removeAt, replaceAt } from "../../lib/lists";

const FIELD_TYPES: FieldType[] = ["text", "number", "money", "date", "select", "user", "company"];

export function FieldsEditor({
  value,
  onChange,
  errors = {},
  saved,
}: {
  value: FieldDef[];
  onChange: (value: FieldDef[]) => void;
  /** Worded field errors by full path ("fields.0.name"). */
  errors?: Record<string, string>;
  /** Keys already saved: documents hold values under them, so relabelling a field keeps its key. */
  saved?: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {value.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("settings.key")}</Table.Th>
                <Table.Th>{t("settings.label")}</Table.Th>
                <Table.Th>{t("fields.type")}</Table.Th>
                <Table.Th>{t("settings.options")}</Table.Th>
                <Table.Th>{t("settings.required")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("common.rowActions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {value.map((field, index) => (
                <Table.Tr key={index}>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t("settings.key")} ${index + 1}`}
                      value={field.key}
                      onChange={(e) => onChange(replaceAt(value, index, { key: e.currentTarget.value }))}
                      error={errors[`fields.${index}.key`]}
                      w={110}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t("settings.label")} ${index + 1}`}
                      value={field.label}
                      onChange={(e) => {
                        const label = e.currentTarget.value;
                        const key = codeAfterRename(field.key, field.label, label, saved);
                        onChange(replaceAt(value, index, { label, key }));
                      }}
                      error={errors[`fields.${index}.label`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t("fields.type")}
                      data={FIELD_TYPES.map((type) => ({ value: type, label: t(`settings.fieldTypes.${type}`) }))}
                      value={field.type}
                      allowDeselect={false}
                      onChange={(type) =>
                        onChange(replaceAt(value, index, { type: (type as FieldType | null) ?? "text" }))
                      }
                      w={130}
                    />
                  </Table.Td>
                  <Table.Td>
                    {field.type === "select" && (
                      <TagsInput
                        aria-label={t("settings.options")}
                        value={field.options ?? []}
                        onChange={(options) => onChange(replaceAt(value, index, { options }))}
                        w={200}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t("settings.required")}
                      checked={!!field.required}
                      onChange={(e) =>
                        onChange(replaceAt(value, index, { required: e.currentTarget.checked || undefined }))
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <RowControls
                      index={index}
                      count={value.length}
                      onMove={(delta) => onChange(moveAt(value, index, delta))}
                      onRemove={() => onChange(removeAt(value, index))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...value, { key: "", label: "", type: "text" }])}>
          {t("settings.addField")}
        </Button>
      </Group>
    </Stack>
  );
}
