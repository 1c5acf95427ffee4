import { NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import type { FieldDef } from "../api/types";
import { CompanyPicker, UserPicker } from "./pickers";

type Values = Record<string, unknown>;

/** Inputs for a document type's custom fields, one per definition, in the type's own order. */
export function CustomFieldInputs({
  fields,
  values,
  onChange,
  errors = {},
}: {
  fields: FieldDef[];
  values: Values;
  onChange: (values: Values) => void;
  errors?: Record<string, string>;
}) {
  if (fields.length === 0) return null;
  const set = (key: string, value: unknown) => onChange({ ...values, [key]: value });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {fields.map((field) => (
        <FieldInput
          key={field.key}
          field={field}
          value={values[field.key]}
          onChange={(v) => set(field.key, v)}
          error={errors[field.key]}
        />
      ))}
    </SimpleGrid>
  );
}

function FieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: FieldDef;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
}) {
  const common = { label: field.label, required: field.required, error };
  const text = typeof value === "string" ? value : "";
  switch (field.type) {
    case "number":
    case "money":
      return (
        <NumberInput
          {...common}
          value={typeof value === "number" ? value : ""}
          onChange={(v) => onChange(typeof v === "number" ? v : undefined)}
          decimalScale={field.type === "money" ? 2 : undefined}
          thousandSeparator=" "
        />
      );
    case "date":
      return <TextInput {...common} type="date" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case "select":
      return (
        <Select
          {...common}
          data={field.options ?? []}
          value={text || null}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case "user":
      return <UserPicker {...common} value={text || null} onChange={(v) => onChange(v ?? undefined)} />;
    case "company":
      return <CompanyPicker {...common} value={text || null} onChange={(v) => onChange(v ?? undefined)} />;
    case "text":
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
