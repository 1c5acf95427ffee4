import { toLocal, type DocumentState, type Locale } from "@docket/common";
import { AppError } from "../../lib/errors.js";

/** Wording shared by the registry export and the registration journal, in the reader's language. */
export const EXPORT_LABELS = {
  ru: {
    number: "Номер",
    date: "Дата регистрации",
    type: "Тип",
    title: "Заголовок",
    company: "Контрагент",
    inn: "ИНН",
    status: "Статус",
    state: "Состояние",
    responsible: "Ответственный",
    registeredBy: "Зарегистрировал",
    note: "Примечание",
    automation: "Автоматизация",
    cancelled: "Аннулирован",
    registry: "Реестр документов",
    journal: "Журнал регистрации",
    period: "Период",
    total: "Всего номеров",
    none: "За период номеров нет",
    page: (page: number, pages: number) => `Стр. ${page} из ${pages}`,
    states: { active: "Действует", reserved: "Зарезервирован", cancelled: "Аннулирован", archived: "В архиве" },
  },
  en: {
    number: "Number",
    date: "Registered on",
    type: "Type",
    title: "Title",
    company: "Company",
    inn: "INN",
    status: "Status",
    state: "State",
    responsible: "Responsible",
    registeredBy: "Registered by",
    note: "Note",
    automation: "Automation",
    cancelled: "Cancelled",
    registry: "Document registry",
    journal: "Registration journal",
    period: "Period",
    total: "Numbers in total",
    none: "No numbers were issued in this period",
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    states: { active: "Active", reserved: "Reserved", cancelled: "Cancelled", archived: "Archived" },
  },
} satisfies Record<Locale, unknown>;

export type ExportLabels = (typeof EXPORT_LABELS)[Locale];

export const stateLabel = (locale: Locale, state: DocumentState): string => EXPORT_LABELS[locale].states[state];

/** The calendar day of an instant in the installation's time zone ("2026-03-01"). */
export const localDay = (iso: string, timeZone: string): string => toLocal(new Date(iso), timeZone).date;

/** A day as people write it: 01.03.2026 in Russian, 2026-03-01 in English. */
export function displayDay(day: string, locale: Locale): string {
  if (locale === "en") return day;
  const [y, m, d] = day.split("-");
  return `${d}.${m}.${y}`;
}

export const DAY_FORMAT: Record<Locale, string> = { ru: "dd.mm.yyyy", en: "yyyy-mm-dd" };

/** The requested format, or 422 `export_format_unknown` naming the ones there are. */
export function requireFormat<F extends string>(format: string | undefined, allowed: readonly F[]): F {
  const found = allowed.find((f) => f === format?.trim().toLowerCase());
  if (found) return found;
  throw new AppError("export_format_unknown", `Unknown format; use one of: ${allowed.join(", ")}`, [
    { path: "format", message: `Must be one of: ${allowed.join(", ")}` },
  ]);
}
