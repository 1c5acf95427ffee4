import { ActionIcon, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TrashIcon } from "../../components/icons";
import { displayValue } from "../../lib/format";
import { Field } from "../documents/DocumentPage";

/** An item's own fields (what robot conditions read, e.g. `amount`) as rows a person edits as text. */
export interface FieldRow {
  key: string;
  text: string;
}

export const fieldRows = (fields: Record<string, unknown>): FieldRow[] =>
  Object.entries(fields).map(([key, value]) => ({ key, text: displayValue(value) }));

/** A value that reads as a JSON number, boolean, array or object keeps that type (a condition `amount > 1000000` compares numbers); anything else is text. */
function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|\[.*\]|\{.*\})$/s.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The rows as the item's `fields`; rows without a key are left out. */
export function rowsToFields(rows: FieldRow[]): Record<string, unknown> {
  return Object.fromEntries(rows.filter((r) => r.key.trim() !== "").map((r) => [r.key.trim(), parseValue(r.text)]));
}

export function ItemFieldsView({ fields }: { fields: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(fields);
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("processes.noFields")}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="item-fields">
      {entries.map(([key, value]) => (
        <Field key={key} label={key}>
          {displayValue(value)}
        </Field>
      ))}
    </Stack>
  );
}

export function ItemFieldsEditor({ rows, onChange }: { rows: FieldRow[]; onChange: (rows: FieldRow[]) => void }) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<FieldRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t("processes.fields")}
      </Text>
      {rows.map((row, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            aria-label={t("processes.fieldKey", { n: index + 1 })}
            placeholder={t("processes.fieldKeyPlaceholder")}
            value={row.key}
            onChange={(e) => change(index, { key: e.currentTarget.value })}
            w={160}
          />
          <TextInput
            aria-label={t("processes.fieldValue", { n: index + 1 })}
            value={row.text}
            onChange={(e) => change(index, { text: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t("processes.removeField", { n: index + 1 })}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <TrashIcon />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...rows, { key: "", text: "" }])}>
          {t("processes.addField")}
        </Button>
      </Group>
    </Stack>
  );
}
