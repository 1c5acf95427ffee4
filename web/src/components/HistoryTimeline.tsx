import { Text, Timeline } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { HistoryEntry } from "../api/types";
import { conditionText, formatConditionValue } from "../lib/conditions";
import { displayValue, formatDateTime } from "../lib/format";

/** Detail keys worth showing to a person; ids and bookkeeping stay out of the timeline. */
const SHOWN_DETAILS = ["number", "version", "file", "responsible", "decision", "comment", "reason", "error"];

/** A history list (documents and items alike); a null actor is the automation. */
export function HistoryTimeline({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <Text c="dimmed">{t("history.empty")}</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={entries.length}>
      {entries.map((entry, index) => (
        <Timeline.Item key={`${entry.at}-${index}`} title={entryTitle(entry, t)}>
          <Text size="sm">{describeDetails(entry.details, t, i18n.language)}</Text>
          <Text size="xs" c="dimmed">
            {entry.actor ? entry.actor.name : t("history.automation")} · {formatDateTime(entry.at, i18n.language)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function entryTitle(entry: HistoryEntry, t: TFunction): string {
  const title = t(`history.actions.${entry.action}`, { defaultValue: entry.action });
  const robot = asRecord(entry.details)?.robot;
  const kind = asRecord(robot)?.kind;
  const name = asRecord(robot)?.name;
  if (typeof kind !== "string") return title;
  const label = `${title}: ${t(`robots.kinds.${kind}`, { defaultValue: kind })}`;
  return typeof name === "string" && name ? `${label} «${name}»` : label;
}

function describeDetails(details: unknown, t: TFunction, language: string): string {
  const record = asRecord(details);
  if (!record) return "";
  // A comment (action comment.added) shows its own words.
  if (typeof record.commentId === "string" && typeof record.text === "string") return record.text;
  const parts: string[] = [];
  const skippedBy = conditionNotMet(record, t, language);
  if (skippedBy) parts.push(skippedBy);
  const from = nameOf(record.from);
  const to = nameOf(record.to);
  if (from || to) parts.push(`${from ?? "—"} → ${to ?? "—"}`);
  for (const key of SHOWN_DETAILS) {
    const value = record[key];
    if (value === null || value === undefined || value === "") continue;
    // Automation explains itself in the title already ("robot <id>" comments add nothing for a person).
    if (key === "comment" && typeof value === "string" && /^robot\b/.test(value)) continue;
    // Stable values the server records (decision: "rejected") are worded, never shown as codes.
    const shown =
      key === "decision" && typeof value === "string"
        ? t(`history.decisions.${value}`, { defaultValue: value })
        : (nameOf(value) ?? displayValue(value));
    parts.push(`${t(`history.details.${key}`)}: ${shown}`);
  }
  return parts.join(" · ");
}

/** A robot skipped by its condition says why: «amount > 1 000 000» not met (amount = 500 000). */
function conditionNotMet(record: Record<string, unknown>, t: TFunction, language: string): string | null {
  const condition = asRecord(record.condition);
  if (!condition || typeof condition.field !== "string" || typeof condition.op !== "string") return null;
  const { field, op, value } = condition;
  const actual = Array.isArray(record.actual) ? record.actual : [];
  const seen =
    actual.length === 0
      ? t("history.noValue", { field })
      : `${field} = ${actual.map((v) => formatConditionValue(v, language)).join("; ")}`;
  return t("history.conditionNotMet", { condition: conditionText({ field, op, value }, language, t), seen });
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function nameOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  const record = asRecord(value);
  if (typeof record?.name === "string") return record.name;
  if (typeof record?.code === "string") return record.code;
  return undefined;
}
