import { Button, Checkbox, Popover, Stack } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FieldDef } from "../../../api/types";

/** The optional columns: the responsible and each custom field of the types present. */
export const columnOptions = (fields: FieldDef[], t: TFunction) => [
  { value: "responsible", label: t("fields.responsible") },
  ...fields.map((f) => ({ value: `field:${f.key}`, label: f.label })),
];

/** Which optional columns the registry shows: the responsible and each custom field of the types present. */
export function ColumnChooser({
  fields,
  columns,
  onChange,
}: {
  fields: FieldDef[];
  columns: string[];
  onChange: (columns: string[]) => void;
}) {
  const { t } = useTranslation();
  const options = columnOptions(fields, t);
  return (
    <Popover position="bottom-end" shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" data-testid="column-chooser">
          {t("registry.columns")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group value={columns} onChange={onChange} label={t("registry.columnsHint")}>
          <Stack gap="xs" mt="xs">
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
