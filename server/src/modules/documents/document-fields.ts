import type { DocumentFieldDef } from "@docket/common";
import type { Db } from "../../db/database.js";
import { unprocessable, type FieldError } from "../../lib/errors.js";
import { findCompany } from "../crm/index.js";
import { isActiveUser } from "../users/index.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^-?\d{1,15}(\.\d{1,2})?$/;

/** Checks one value against its definition; returns an error message or null. References are checked later. */
function checkValue(def: DocumentFieldDef, value: unknown): string | null {
  switch (def.type) {
    case "text":
      return typeof value === "string" && value.length <= 10_000 ? null : "Must be text (at most 10,000 characters)";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "Must be a number";
    case "money":
      return (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && MONEY.test(value))
        ? null
        : "Must be an amount such as 1500.50";
    case "date":
      return typeof value === "string" && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : "Must be a date YYYY-MM-DD";
    case "select":
      return typeof value === "string" && (def.options ?? []).includes(value) ? null : "Must be one of the options";
    case "user":
    case "company":
      return typeof value === "string" && value.length > 0 && value.length <= 64 ? null : "Must be an id";
  }
}

/**
 * Validates custom field values against the type: known keys, right kinds, required ones present,
 * user and company references existing. Empty values (null, "") count as absent and are dropped.
 */
export async function validateFields(
  db: Db,
  defs: DocumentFieldDef[],
  values: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const errors: FieldError[] = [];
  const result: Record<string, unknown> = {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) errors.push({ path: `fields.${key}`, message: "No such field in this document type" });
    else if (value !== null && value !== "") {
      const message = checkValue(def, value);
      if (message) errors.push({ path: `fields.${key}`, message });
      else result[key] = value;
    }
  }
  for (const def of defs) {
    if (def.required && result[def.key] === undefined && !errors.some((e) => e.path === `fields.${def.key}`))
      errors.push({ path: `fields.${def.key}`, message: "Required" });
  }
  if (errors.length === 0) errors.push(...(await checkReferences(db, defs, result)));
  if (errors.length > 0) throw unprocessable("Invalid document fields", errors);
  return result;
}

async function checkReferences(
  db: Db,
  defs: DocumentFieldDef[],
  values: Record<string, unknown>,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const def of defs) {
    const value = values[def.key];
    if (typeof value !== "string" || (def.type !== "user" && def.type !== "company")) continue;
    if (def.type === "user" && !(await isActiveUser(db, value)))
      errors.push({ path: `fields.${def.key}`, message: "No such active user" });
    if (def.type === "company" && !(await findCompany(db, value)))
      errors.push({ path: `fields.${def.key}`, message: "No such company" });
  }
  return errors;
}
