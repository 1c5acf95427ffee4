/**
 * Values typed the way the app prints them: "1 000 000" and "1 000 000,50" in Russian (any space, including the
 * non-breaking and narrow ones Intl prints), "1,000,000.50" in English, dates as dd.mm.yyyy or dd/mm/yyyy (the app
 * prints dates day first in both languages). One parser for robot conditions in the form and on the server.
 */
import type { RobotCondition } from "./processes.js";

const SPACES = /[\s\u00a0\u2007\u2009\u202f]/g;

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = parts.find((p) => p.type === "group")?.value ?? ",";
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
  return { group: group.replace(SPACES, " "), decimal };
}

/**
 * A number in `locale`'s notation, or null. Without a locale both "1 000,5" and "1 000.5" read as 1000.5 (spaces
 * group, a single comma or dot is the decimal mark).
 */
export function parseLocaleNumber(text: string, locale?: string): number | null {
  let value = text.trim().replace(/^[−–]/, "-").replace(SPACES, "");
  if (value === "") return null;
  const { group, decimal } = locale ? separators(locale) : { group: " ", decimal: "," };
  if (group !== " " && value.includes(group)) {
    // "1,000,000.50": the grouping mark only between groups of three, else it is not a number in this locale.
    const escaped = group.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (!new RegExp(`^[+-]?\\d{1,3}(${escaped}\\d{3})+([^\\d]\\d+)?$`).test(value)) return null;
    value = value.split(group).join("");
  }
  if (decimal !== ".") value = value.replace(decimal, ".");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) return null;
  return Number(value);
}

/** "31.12.2026" or "31/12/2026" → "2026-12-31"; an ISO date stays as it is; anything else → null. */
export function parseLocaleDate(text: string): string | null {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  if (!match) return null;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

type ConditionValue = RobotCondition["value"];

/** One typed value: a number, a date (as ISO) or the text itself. */
export function parseTypedValue(text: string, locale?: string): string | number {
  return parseLocaleNumber(text, locale) ?? parseLocaleDate(text) ?? text.trim();
}

/**
 * A condition's value as typed in the robot form. "in" takes a list separated by semicolons, or by commas when
 * there is no semicolon ("draft, signed"); a Russian decimal comma therefore needs semicolons ("1,5; 2,5").
 */
export function parseConditionValue(op: RobotCondition["op"], text: string, locale?: string): ConditionValue {
  if (op !== "in") return parseTypedValue(text, locale);
  return text
    .split(text.includes(";") ? ";" : ",")
    .map((part) => parseTypedValue(part, locale))
    .filter((part) => part !== "");
}
