import { useTranslation } from "react-i18next";
import type { FieldDef } from "../api/types";
import { displayValue } from "../lib/format";
import { CompanyName, UserName } from "./names";

/** A custom field's value as people read it: names for companies and users, money with kopecks. */
export function FieldValue({ field, value }: { field: FieldDef; value: unknown }) {
  const { i18n } = useTranslation();
  if (value === undefined || value === null || value === "") return <>—</>;
  if (field.type === "company") return <CompanyName id={displayValue(value)} />;
  if (field.type === "user") return <UserName id={displayValue(value)} />;
  if (field.type === "money" && typeof value === "number")
    return <>{value.toLocaleString(i18n.language, { minimumFractionDigits: 2 })}</>;
  if (field.type === "number" && typeof value === "number") return <>{value.toLocaleString(i18n.language)}</>;
  return <>{displayValue(value)}</>;
}
