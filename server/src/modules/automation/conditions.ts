import type { RobotCondition } from "@docket/common";

export interface ConditionSubject {
  /** Item attributes and custom fields (fields win on a clash). */
  item: Record<string, unknown>;
  /** Each linked document's attributes and custom fields. */
  documents: Record<string, unknown>[];
}

/** Values compare as text (eq, ne, in) or as numbers (gt, lt); objects have no text and never match. */
const asText = (v: unknown) =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);

const asNumber = (v: unknown) =>
  typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;

function compare(actual: unknown, op: RobotCondition["op"], expected: RobotCondition["value"]): boolean {
  if (actual === undefined || actual === null) return op === "ne";
  switch (op) {
    case "eq":
      return asText(actual) === asText(expected);
    case "ne":
      return asText(actual) !== asText(expected);
    case "gt":
      return asNumber(actual) > asNumber(expected);
    case "lt":
      return asNumber(actual) < asNumber(expected);
    case "in":
      return (Array.isArray(expected) ? expected : [expected]).some((v) => String(v) === asText(actual));
  }
}

/**
 * `item.x` reads the item, `document.x` any linked document; a bare `x` reads the item and falls back to the
 * documents when the item has no such field. A document condition holds when any linked document satisfies it
 * ("amount > 1000000" holds when some contract is over a million).
 */
export function conditionHolds(condition: RobotCondition, subject: ConditionSubject): boolean {
  const [scope, ...rest] = condition.field.split(".");
  const key = rest.join(".");
  const onDocuments = (k: string) => subject.documents.some((d) => compare(d[k], condition.op, condition.value));
  if (scope === "item" && key) return compare(subject.item[key], condition.op, condition.value);
  if ((scope === "document" || scope === "documents") && key) return onDocuments(key);
  if (condition.field in subject.item) return compare(subject.item[condition.field], condition.op, condition.value);
  return onDocuments(condition.field);
}
