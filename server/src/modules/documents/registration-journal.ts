import {
  fromLocal,
  journalFormats,
  JOURNAL_MAX_DAYS,
  type JournalFormat,
  type JournalQuery,
  type Locale,
} from "@docket/common";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import { AppError, forbidden } from "../../lib/errors.js";
import { renderPdf, type Content } from "../../lib/pdf.js";
import { XLSX_MIME, xlsxStream, type XlsxCell } from "../../lib/xlsx.js";
import { companyNamesByIds } from "../crm/index.js";
import { userNamesByIds } from "../users/index.js";
import { typeNamedByPath } from "./document-types.service.js";
import { journalRows } from "./documents.repository.js";
import { statusOf } from "./documents.presenter.js";
import { DAY_FORMAT, displayDay, EXPORT_LABELS, localDay, requireFormat, stateLabel } from "./export-format.js";
import type { RegistryExport } from "./registry-export.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

interface Period {
  from: string;
  to: string;
}

function periodError(code: "journal_period_invalid" | "journal_period_too_long", message: string, path: string) {
  return new AppError(code, message, [{ path, message }]);
}

/** Two real calendar days, `from` not after `to`, at most a year apart; 422 with a stable code otherwise. */
function requirePeriod(query: JournalQuery): Period {
  for (const key of ["from", "to"] as const) {
    const value = query[key];
    if (!value || !DAY.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      throw periodError("journal_period_invalid", `${key} must be a date YYYY-MM-DD`, key);
    }
  }
  const from = query.from!;
  const to = query.to!;
  if (from > to) throw periodError("journal_period_invalid", "from must not be after to", "from");
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > JOURNAL_MAX_DAYS) {
    throw periodError("journal_period_too_long", `A journal covers at most ${JOURNAL_MAX_DAYS} days`, "to");
  }
  return { from, to };
}

interface JournalEntry {
  number: string;
  day: string;
  title: string;
  company: string;
  state: string;
  status: string;
  registeredBy: string;
  note: string;
}

/** An entry's cells in the column order of both formats; the date cell is the format's own. */
const journalRow = <Day>(e: JournalEntry, day: Day): (string | Day)[] => [
  e.number,
  day,
  e.title,
  e.company,
  e.state,
  e.status,
  e.registeredBy,
  e.note,
];

/**
 * `GET /api/document-types/:id/journal`: every number of the type issued in the period (local days of the
 * installation's time zone), in number order, reserved, cancelled and archived ones included. It names every document
 * of the type, so only those who may see them all read it: administrators, and everyone for a type open to all.
 */
export async function registrationJournal(
  ctx: AppContext,
  actor: Actor,
  typeId: string,
  query: JournalQuery,
  locale: Locale,
): Promise<RegistryExport> {
  const type = await typeNamedByPath(ctx.db, typeId);
  if (!isAdmin(actor) && type.row.access !== "all") {
    throw forbidden("Only administrators read the journal of a type whose documents only participants see");
  }
  const format: JournalFormat = requireFormat(query.format, journalFormats);
  const period = requirePeriod(query);
  const timeZone = ctx.config.timeZone;
  const nextDay = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const rows = await journalRows(
    ctx.db,
    typeId,
    fromLocal(period.from, 0, timeZone).toISOString(),
    fromLocal(nextDay, 0, timeZone).toISOString(),
  );
  const L = EXPORT_LABELS[locale];
  const [companies, users] = await Promise.all([
    companyNamesByIds(
      ctx.db,
      rows.flatMap((r) => (r.companyId ? [r.companyId] : [])),
    ),
    userNamesByIds(
      ctx.db,
      rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])),
    ),
  ]);
  const entries: JournalEntry[] = rows.map((r) => ({
    number: r.number,
    day: localDay(r.createdAt, timeZone),
    title: r.title,
    company: r.companyId ? (companies.get(r.companyId)?.name ?? "") : "",
    state: stateLabel(locale, r.state),
    status: statusOf(type, r.statusCode).name,
    registeredBy: r.createdBy ? (users.get(r.createdBy) ?? "") : L.automation,
    note: r.cancelledAt
      ? `${L.cancelled} ${displayDay(localDay(r.cancelledAt, timeZone), locale)}: ${r.cancelReason ?? ""}`
      : "",
  }));
  const title = `${L.journal}: ${type.row.name}`;
  const periodText = `${displayDay(period.from, locale)} — ${displayDay(period.to, locale)}`;
  const baseName = `${L.journal} ${type.row.name} ${period.from}_${period.to}`.replace(/[\\/:*?"<>|]/g, "_");
  const headers = [L.number, L.date, L.title, L.company, L.state, L.status, L.registeredBy, L.note];

  if (format === "xlsx") {
    const cells: XlsxCell[][] = entries.map((e) => journalRow(e, { date: e.day }));
    const widths = [16, 14, 40, 28, 16, 16, 22, 40];
    const columns = headers.map((header, i) => ({
      header,
      width: widths[i],
      ...(i === 1 ? { numFmt: DAY_FORMAT[locale] } : {}),
    }));
    async function* once() {
      yield cells;
    }
    return { fileName: `${baseName}.xlsx`, contentType: XLSX_MIME, body: xlsxStream(L.journal, columns, once()) };
  }

  const content: Content = [
    { text: title, style: "title" },
    { text: `${L.period}: ${periodText}. ${L.total}: ${entries.length}`, margin: [0, 0, 0, 8] },
    entries.length === 0
      ? { text: L.none, italics: true }
      : {
          table: {
            // pdfmake repeats the header rows at the top of every page the table runs onto.
            headerRows: 1,
            dontBreakRows: true,
            widths: [70, 58, "*", 110, 78, 70, 90, 110],
            body: [
              headers.map((h) => ({ text: h, bold: true, fillColor: "#eeeeee" })),
              ...entries.map((e) => journalRow(e, displayDay(e.day, locale))),
            ],
          },
          layout: "lightHorizontalLines",
          fontSize: 8,
        },
  ];
  const pdf = await renderPdf(
    content,
    { title: `${title} (${periodText})`, createdAt: ctx.clock.now(), language: locale },
    {
      pageOrientation: "landscape",
      pageMargins: [30, 30, 30, 40],
      styles: { title: { fontSize: 14, bold: true, margin: [0, 0, 0, 4] } },
      footer: (page: number, pages: number) => ({
        columns: [
          { text: `${title}, ${periodText}`, fontSize: 7 },
          { text: L.page(page, pages), fontSize: 7, alignment: "right" },
        ],
        margin: [30, 14, 30, 0],
      }),
    },
  );
  return { fileName: `${baseName}.pdf`, contentType: "application/pdf", body: pdf };
}
