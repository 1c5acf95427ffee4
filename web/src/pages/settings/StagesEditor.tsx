import { MultiSelect, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Stage, StageSemantics } from "../../api/types";
import { nthSwatch } from "../../components/BadgeColourInput";
import { askWhenNamed, codeNameColumns, colourColumn, ListEditor, type ListFieldProps } from "./ListEditor";

const SEMANTICS: StageSemantics[] = ["process", "success", "failure"];

export function StagesEditor({ value, onChange, errors = {}, saved }: ListFieldProps<Stage>) {
  const { t } = useTranslation();
  return (
    <ListEditor
      value={value}
      onChange={onChange}
      minWidth={860}
      rowTestId="stage-row"
      newRow={(): Stage => ({
        code: "",
        name: "",
        color: nthSwatch(value.length),
        semantics: "process",
      })}
      addLabel={t("settings.addStage")}
      confirmRemove={askWhenNamed((name) => t("settings.confirmRemoveStage", { name }))}
      columns={[
        ...codeNameColumns<Stage>({
          code: "code",
          name: "name",
          headings: [t("settings.code"), t("fields.name")],
          labels: [t("settings.stageCode"), t("settings.stageName")],
          path: "stages",
          errors,
          saved,
          codeWidth: 140,
        }),
        colourColumn<Stage>(t("settings.color")),
        {
          heading: t("settings.semantics"),
          cell: (stage, _index, update) => (
            <Select
              aria-label={t("settings.semantics")}
              allowDeselect={false}
              data={SEMANTICS.map((s) => ({ value: s, label: t(`settings.semanticsKinds.${s}`) }))}
              value={stage.semantics}
              onChange={(s) => update({ semantics: (s as StageSemantics | null) ?? "process" })}
              w={150}
            />
          ),
        },
        {
          heading: { label: t("settings.next"), hint: t("settings.nextHint") },
          cell: (stage, index, update) => (
            <MultiSelect
              aria-label={`${t("settings.next")} ${index + 1}`}
              placeholder={stage.next ? undefined : t("settings.nextAny")}
              data={value
                .filter((other, i) => i !== index && other.code.trim() !== "")
                .map((other) => ({ value: other.code, label: other.name || other.code }))}
              value={stage.next ?? []}
              onChange={(next) => update({ next: next.length > 0 ? next : undefined })}
              w={220}
              clearable
            />
          ),
        },
      ]}
    />
  );
}
