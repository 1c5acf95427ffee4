import { Group, NumberInput, Select, Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { parseIsoDuration } from "../../lib/format";

type Unit = "S" | "M" | "H" | "D";
const UNIT_MS: Record<Unit, number> = { S: 1000, M: 60_000, H: 3_600_000, D: 86_400_000 };

export function toIsoDuration(amount: number, unit: Unit): string {
  return unit === "D" ? `P${amount}D` : `PT${amount}${unit}`;
}

/** Largest unit that expresses the duration exactly. */
export function fromIsoDuration(iso: string | null): { amount: number; unit: Unit } {
  const ms = parseIsoDuration(iso) ?? UNIT_MS.H * 24;
  // "24 hours" reads better than "1 days": whole days only from two days up.
  if (ms % UNIT_MS.D === 0 && ms >= 2 * UNIT_MS.D) return { amount: ms / UNIT_MS.D, unit: "D" };
  for (const unit of ["H", "M"] as Unit[]) {
    if (ms % UNIT_MS[unit] === 0) return { amount: ms / UNIT_MS[unit], unit };
  }
  return { amount: Math.max(1, Math.round(ms / 1000)), unit: "S" };
}

/** A robot's delay: none (runs at once) or an amount of seconds, minutes, hours or days, as ISO-8601. */
export function DelayInput({ value, onChange }: { value: string | null; onChange: (value: string | null) => void }) {
  const { t } = useTranslation();
  const { amount, unit } = fromIsoDuration(value);
  return (
    <Group align="flex-end">
      <Switch
        label={t("robots.delayed")}
        checked={value !== null}
        onChange={(e) => onChange(e.currentTarget.checked ? toIsoDuration(amount, unit) : null)}
        mb={8}
      />
      {value !== null && (
        <>
          <NumberInput
            label={t("robots.delay")}
            min={1}
            value={amount}
            onChange={(v) => onChange(toIsoDuration(Math.max(1, Number(v) || 1), unit))}
            w={110}
          />
          <Select
            aria-label={t("robots.unit")}
            allowDeselect={false}
            data={(["S", "M", "H", "D"] as Unit[]).map((u) => ({ value: u, label: t(`robots.units.${u}`) }))}
            value={unit}
            onChange={(u) => onChange(toIsoDuration(amount, (u as Unit | null) ?? "H"))}
            w={130}
          />
        </>
      )}
    </Group>
  );
}
