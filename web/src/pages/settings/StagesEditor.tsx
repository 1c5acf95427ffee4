import { Button, Group, MultiSelect, Select, Stack, Table, TextInput, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Stage, StageSemantics } from "../../api/types";
import { BadgeColourInput, STATUS_SWATCHES } from "../../components/BadgeColourInput";
import { RowControls } from "../../components/RowControls";
import { codeAfterRename } from "../../lib/codes";
import { moveAt, removeAt, replaceAt } from "../../lib/lists";

const SEMANTICS: StageSemantics[] = ["process", "success", "failure"];

export function StagesEditor({
  value,
  onChange,
  errors = {},
  saved,
}: {
  value: Stage[];
  onChange: (value: Stage[]) => void;
  /** Worded field errors by full path ("stages.1.code"). */
  errors?: Record<string, string>;
  /** Codes already saved: items and robots refer to them, so renaming a stage keeps its code. */
  saved?: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("settings.code")}</Table.Th>
              <Table.Th>{t("fields.name")}</Table.Th>
              <Table.Th>{t("settings.color")}</Table.Th>
              <Table.Th>{t("settings.semantics")}</Table.Th>
              <Table.Th title={t("settings.nextHint")}>{t("settings.next")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("common.rowActions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.map((stage, index) => (
              <Table.Tr key={index} data-testid="stage-row">
                <Table.Td>
                  <TextInput
                    aria-label={`${t("settings.stageCode")} ${index + 1}`}
                    value={stage.code}
                    onChange={(e) => onChange(replaceAt(value, index, { code: e.currentTarget.value }))}
                    error={errors[`stages.${index}.code`]}
                    w={140}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t("settings.stageName")} ${index + 1}`}
                    value={stage.name}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      onChange(
                        replaceAt(value, index, { name, code: codeAfterRename(stage.code, stage.name, name, saved) }),
                      );
                    }}
                    error={errors[`stages.${index}.name`]}
                  />
                </Table.Td>
                <Table.Td>
                  <BadgeColourInput
                    label={`${t("settings.color")} ${index + 1}`}
                    value={stage.color}
                    onChange={(color) => onChange(replaceAt(value, index, { color }))}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t("settings.semantics")}
                    allowDeselect={false}
                    data={SEMANTICS.map((s) => ({ value: s, label: t(`settings.semanticsKinds.${s}`) }))}
                    value={stage.semantics}
                    onChange={(s) =>
                      onChange(replaceAt(value, index, { semantics: (s as StageSemantics | null) ?? "process" }))
                    }
                    w={150}
                  />
                </Table.Td>
                <Table.Td>
                  <MultiSelect
                    aria-label={`${t("settings.next")} ${index + 1}`}
                    placeholder={stage.next ? undefined : t("settings.nextAny")}
                    data={value
                      .filter((other, i) => i !== index && other.code.trim() !== "")
                      .map((other) => ({ value: other.code, label: other.name || other.code }))}
                    value={stage.next ?? []}
                    onChange={(next) => onChange(replaceAt(value, index, { next: next.length > 0 ? next : undefined }))}
                    w={220}
                    clearable
                  />
                </Table.Td>
                <Table.Td>
                  <RowControls
                    index={index}
                    count={value.length}
                    onMove={(delta) => onChange(moveAt(value, index, delta))}
                    onRemove={() => onChange(removeAt(value, index))}
                    confirm={
                      stage.name || stage.code
                        ? t("settings.confirmRemoveStage", { name: stage.name || stage.code })
                        : undefined
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button
          size="xs"
          variant="light"
          onClick={() =>
            onChange([
              ...value,
              {
                code: "",
                name: "",
                color: STATUS_SWATCHES[value.length % STATUS_SWATCHES.length] ?? "#228be6",
                semantics: "process",
              },
            ])
          }
        >
          {t("settings.addStage")}
        </Button>
      </Group>
    </Stack>
  );
}
