import { Group, NumberInput, Select, Switch } from "@mantine/core";
import { delayIso, delayParts, type DelayUnit } from "@docket/common";
import { useTranslation } from "react-i18next";

const UNITS: DelayUnit[] = ["S", "M", "H", "D", "MO"];

/** The amount and unit the editor shows for a delay (24 hours when it cannot be read); months stay months. */
export function fromIsoDuration(iso: string | null): { amount: number; unit: DelayUnit } {
  return delayParts(iso) ?? { amount: 24, unit: "H" };
}

/** A robot's delay: none (runs at once) or an amount of seconds, minutes, hours, days or months, as ISO-8601. */
export function DelayInput({
  value,
  onChange,
  label,
  error,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  /** The server's refusal of the duration, shown beside the amount. */
  error?: string;
  /** The switch's label (default "Delay"); the same control sets an approval's deadline. */
  label?: string;
}) {
  const { t } = useTranslation();
  const { amount, unit } = fromIsoDuration(value);
  return (
    <Group align="flex-end">
      <Switch
        label={label ?? t("robots.delayed")}
        checked={value !== null}
        onChange={(e) => onChange(e.currentTarget.checked ? delayIso(amount, unit) : null)}
        mb={8}
      />
      {value !== null && (
        <>
          <NumberInput
            label={t("robots.delay")}
            min={1}
            value={amount}
            onChange={(v) => onChange(delayIso(Math.max(1, Number(v) || 1), unit))}
            error={error}
            w={110}
          />
          <Select
            aria-label={t("robots.unit")}
            allowDeselect={false}
            data={UNITS.map((u) => ({ value: u, label: t(`robots.units.${u}`, { count: amount }) }))}
            value={unit}
            onChange={(u) => onChange(delayIso(amount, (u as DelayUnit | null) ?? "H"))}
            w={130}
          />
        </>
      )}
    </Group>
  );
}
