import { parseLocaleDate, parseLocaleNumber, type RobotCondition } from "@docket/common";

export interface ConditionSubject {
  /** Item attributes and custom fields (fields win on a clash). */
  item: Record<string, unknown>;
  /** Each linked document's attributes and custom fields. */
  documents: Record<string, unknown>[];
}

/** Values compare as numbers when both read as numbers, else as dates (gt, lt), else as text; objects never match. */
const asText = (v: unknown) =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);

/** Numbers stored or typed as text ("1 000 000", "1 000,5") read as numbers too. */
const asNumber = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" ? parseLocaleNumber(v) : null);

/** An ISO date or timestamp, or a typed "31.12.2026", as "2026-12-31". */
const asDate = (v: unknown) => (typeof v === "string" ? parseLocaleDate(v.slice(0, 10)) : null);

function order(actual: unknown, expected: unknown): number | null {
  const a = asNumber(actual);
  const e = asNumber(expected);
  if (a !== null && e !== null) return a - e;
  const da = asDate(actual);
  const de = asDate(expected);
  if (da !== null && de !== null) return da < de ? -1 : da > de ? 1 : 0;
  return null;
}

const same = (actual: unknown, expected: unknown) =>
  order(actual, expected) === 0 || asText(actual) === asText(expected);

function compare(actual: unknown, op: RobotCondition["op"], expected: RobotCondition["value"]): boolean {
  if (actual === undefined || actual === null) return op === "ne";
  switch (op) {
    case "eq":
      return same(actual, expected);
    case "ne":
      return !same(actual, expected);
    case "gt":
      return (order(actual, expected) ?? 0) > 0;
    case "lt":
      return (order(actual, expected) ?? 0) < 0;
    case "in":
      return (Array.isArray(expected) ? expected : [expected]).some((v) => same(actual, v));
  }
}

/**
 * The values a condition looks at: `item.x` reads the item, `document.x` each linked document; a bare `x` reads the
 * item and falls back to the documents when the item has no such field.
 */
export function conditionValues(condition: RobotCondition, subject: ConditionSubject): unknown[] {
  const [scope, ...rest] = condition.field.split(".");
  const key = rest.join(".");
  const ofDocuments = (k: string) => subject.documents.map((d) => d[k]);
  if (scope === "item" && key) return [subject.item[key]];
  if ((scope === "document" || scope === "documents") && key) return ofDocuments(key);
  if (condition.field in subject.item) return [subject.item[condition.field]];
  return ofDocuments(condition.field);
}

/**
 * A document condition holds when any linked document satisfies it ("amount > 1000000" holds when some contract is
 * over a million).
 */
export function conditionHolds(condition: RobotCondition, subject: ConditionSubject): boolean {
  return conditionValues(condition, subject).some((value) => compare(value, condition.op, condition.value));
}
