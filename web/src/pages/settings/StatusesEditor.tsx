import { Radio } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { StatusDef } from "../../api/types";
import { nthSwatch } from "../../components/BadgeColourInput";
import { askWhenNamed, codeNameColumns, colourColumn, flagColumn, ListEditor, type ListFieldProps } from "./ListEditor";

/** Ordered statuses with colour; exactly one initial (a radio), any number final. */
export function StatusesEditor({ value, onChange, errors = {}, saved }: ListFieldProps<StatusDef>) {
  const { t } = useTranslation();
  const initialIndex = value.findIndex((s) => s.initial);
  const setInitial = (index: number) => onChange(value.map((s, i) => ({ ...s, initial: i === index || undefined })));
  return (
    <ListEditor
      value={value}
      onChange={onChange}
      minWidth={640}
      wrapTable={(table) => (
        <Radio.Group value={String(initialIndex)} onChange={(v) => setInitial(Number(v))}>
          {table}
        </Radio.Group>
      )}
      newRow={(): StatusDef => ({
        code: "",
        name: "",
        color: nthSwatch(value.length),
      })}
      addLabel={t("settings.addStatus")}
      confirmRemove={askWhenNamed((name) => t("settings.confirmRemoveStatus", { name }))}
      columns={[
        ...codeNameColumns<StatusDef>({
          code: "code",
          name: "name",
          headings: [t("settings.code"), t("fields.name")],
          labels: [t("settings.statusCode"), t("settings.statusName")],
          path: "statuses",
          errors,
          saved,
          codeWidth: 140,
        }),
        colourColumn<StatusDef>(t("settings.color")),
        {
          heading: t("settings.initial"),
          cell: (_status, index) => <Radio value={String(index)} aria-label={t("settings.initial")} />,
        },
        flagColumn<StatusDef>("final", t("settings.final")),
        flagColumn<StatusDef>("automatic", { label: t("settings.automatic"), hint: t("settings.automaticHint") }),
      ]}
    />
  );
}
