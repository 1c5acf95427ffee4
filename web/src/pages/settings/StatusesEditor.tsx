import { Button, Checkbox, Group, Radio, Stack, Table, TextInput, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { StatusDef } from "../../api/types";
import { BadgeColourInput, STATUS_SWATCHES } from "../../components/BadgeColourInput";
import { RowControls } from "../../components/RowControls";
import { codeAfterRename } from "../../lib/codes";
import { moveAt, removeAt, replaceAt } from "../../lib/lists";

/** Ordered statuses with colour; exactly one initial (a radio), any number final. */
export function StatusesEditor({
  value,
  onChange,
  errors = {},
  saved,
}: {
  value: StatusDef[];
  onChange: (value: StatusDef[]) => void;
  /** Worded field errors by full path ("statuses.0.name"). */
  errors?: Record<string, string>;
  /** Codes already saved: documents carry them, so renaming a status keeps its code. */
  saved?: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const initialIndex = value.findIndex((s) => s.initial);
  const setInitial = (index: number) => onChange(value.map((s, i) => ({ ...s, initial: i === index || undefined })));
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={640}>
        <Radio.Group value={String(initialIndex)} onChange={(v) => setInitial(Number(v))}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("settings.code")}</Table.Th>
                <Table.Th>{t("fields.name")}</Table.Th>
                <Table.Th>{t("settings.color")}</Table.Th>
                <Table.Th>{t("settings.initial")}</Table.Th>
                <Table.Th>{t("settings.final")}</Table.Th>
                <Table.Th title={t("settings.automaticHint")}>{t("settings.automatic")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("common.rowActions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {value.map((status, index) => (
                <Table.Tr key={index}>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t("settings.statusCode")} ${index + 1}`}
                      value={status.code}
                      onChange={(e) => onChange(replaceAt(value, index, { code: e.currentTarget.value }))}
                      error={errors[`statuses.${index}.code`]}
                      w={140}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t("settings.statusName")} ${index + 1}`}
                      value={status.name}
                      onChange={(e) => {
                        const name = e.currentTarget.value;
                        const code = codeAfterRename(status.code, status.name, name, saved);
                        onChange(replaceAt(value, index, { name, code }));
                      }}
                      error={errors[`statuses.${index}.name`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <BadgeColourInput
                      label={`${t("settings.color")} ${index + 1}`}
                      value={status.color}
                      onChange={(color) => onChange(replaceAt(value, index, { color }))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Radio value={String(index)} aria-label={t("settings.initial")} />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t("settings.final")}
                      checked={!!status.final}
                      onChange={(e) =>
                        onChange(replaceAt(value, index, { final: e.currentTarget.checked || undefined }))
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={t("settings.automatic")}
                      checked={!!status.automatic}
                      onChange={(e) =>
                        onChange(replaceAt(value, index, { automatic: e.currentTarget.checked || undefined }))
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <RowControls
                      index={index}
                      count={value.length}
                      onMove={(delta) => onChange(moveAt(value, index, delta))}
                      onRemove={() => onChange(removeAt(value, index))}
                      confirm={
                        status.name || status.code
                          ? t("settings.confirmRemoveStatus", { name: status.name || status.code })
                          : undefined
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Radio.Group>
      </Table.ScrollContainer>
      <Group>
        <Button
          size="xs"
          variant="light"
          onClick={() =>
            onChange([
              ...value,
              { code: "", name: "", color: STATUS_SWATCHES[value.length % STATUS_SWATCHES.length] ?? "#868e96" },
            ])
          }
        >
          {t("settings.addStatus")}
        </Button>
      </Group>
    </Stack>
  );
}
