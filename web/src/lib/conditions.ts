import type { TFunction } from "i18next";
import { formatDate } from "./format";

export const localeOf = (language: string) => (language === "ru" ? "ru-RU" : "en-GB");

/** A value the way the app prints it: "1 000 000", "31.12.2026"; lists by semicolons when a decimal comma could clash. */
export function formatConditionValue(value: unknown, language: string): string {
  if (Array.isArray(value)) {
    const parts = value.map((v) => formatConditionValue(v, language));
    return parts.join(parts.some((p) => p.includes(",")) ? "; " : ", ");
  }
  if (typeof value === "number") return new Intl.NumberFormat(localeOf(language)).format(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, language);
  if (typeof value === "string" || typeof value === "boolean") return String(value);
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

/** "amount > 1 000 000". */
export function conditionText(
  condition: { field: string; op: string; value: unknown },
  language: string,
  t: TFunction,
): string {
  return `${condition.field} ${t(`robots.ops.${condition.op}`)} ${formatConditionValue(condition.value, language)}`;
}
