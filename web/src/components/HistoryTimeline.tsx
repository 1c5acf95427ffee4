import { Text, Timeline } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { HistoryEntry } from "../api/types";
import { displayValue, formatDateTime } from "../lib/format";

/** A history list (documents and items alike); a null actor is the automation. */
export function HistoryTimeline({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <Text c="dimmed">{t("history.empty")}</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={entries.length}>
      {entries.map((entry, index) => (
        <Timeline.Item
          key={`${entry.at}-${index}`}
          title={t(`history.actions.${entry.action}`, { defaultValue: entry.action })}
        >
          <Text size="sm">{describeDetails(entry.details)}</Text>
          <Text size="xs" c="dimmed">
            {entry.actor ? entry.actor.name : t("history.automation")} · {formatDateTime(entry.at, i18n.language)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function describeDetails(details: unknown): string {
  if (details === null || details === undefined) return "";
  if (typeof details !== "object") return displayValue(details);
  const record = details as Record<string, unknown>;
  const from = nameOf(record.from);
  const to = nameOf(record.to);
  const parts: string[] = [];
  if (from || to) parts.push(`${from ?? "—"} → ${to ?? "—"}`);
  for (const [key, value] of Object.entries(record)) {
    if (key === "from" || key === "to" || value === null || value === undefined || value === "") continue;
    parts.push(`${key}: ${nameOf(value) ?? JSON.stringify(value)}`);
  }
  return parts.join(" · ");
}

function nameOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && "name" in value && typeof value.name === "string") return value.name;
  if (typeof value === "object" && "code" in value && typeof value.code === "string") return value.code;
  return undefined;
}
