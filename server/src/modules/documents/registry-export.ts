import {
  registryExportFormats,
  type DocumentFieldDef,
  type ExportDocumentsQuery,
  type Locale,
  type RegistryExportFormat,
} from "@docket/common";
import { Readable } from "node:stream";
import type { Actor, AppContext } from "../../context.js";
import { documentViewer } from "./document-visibility.js";
import { CSV_BOM, csvLine } from "../../lib/csv.js";
import { XLSX_MIME, xlsxStream, type XlsxCell, type XlsxColumn } from "../../lib/xlsx.js";
import { companyNamesByIds } from "../crm/index.js";
import { userNamesByIds } from "../users/index.js";
import { documentFilters, documentOrderFrom } from "./document-queries.js";
import { typesByIds, type LoadedType } from "./document-types.service.js";
import {
  listDocumentRows,
  typeIdsOfDocuments,
  type DocumentListCursor,
  type DocumentRow,
} from "./documents.repository.js";
import { statusOf } from "./documents.presenter.js";
import { DAY_FORMAT, displayDay, EXPORT_LABELS, localDay, requireFormat, stateLabel } from "./export-format.js";

/** Rows read per query: the export walks the whole filtered registry with the list's own keyset (newest first). */
const BATCH = 500;

export interface RegistryExport {
  fileName: string;
  contentType: string;
  /** Streamed (the registry) or whole (a journal PDF, laid out before its first byte). */
  body: Readable | Buffer;
}

interface FieldColumn {
  key: string;
  label: string;
  type: DocumentFieldDef["type"];
}

/**
 * `GET /api/documents/export`: the registry as the list shows it to `actor` (same filters, same visibility), every
 * page of it, as CSV or XLSX written while it is read.
 */
export async function exportRegistry(
  ctx: AppContext,
  actor: Actor,
  query: ExportDocumentsQuery,
  locale: Locale,
): Promise<RegistryExport> {
  const format: RegistryExportFormat = requireFormat(query.format, registryExportFormats);
  const filters = await documentFilters(ctx, query);
  const order = documentOrderFrom(query.sort);
  const viewer = documentViewer(ctx, actor);
  const types = await typesByIds(ctx.db, await typeIdsOfDocuments(ctx.db, viewer, filters));
  const fieldColumns = fieldColumnsOf([...types.values()]);
  const L = EXPORT_LABELS[locale];
  const headers = [L.number, L.date, L.type, L.title, L.company, L.inn, L.status, L.state, L.responsible];
  const timeZone = ctx.config.timeZone;

  async function* pages(): AsyncGenerator<XlsxCell[][]> {
    let after: DocumentListCursor | undefined;
    for (;;) {
      const rows = await listDocumentRows(ctx.db, viewer, filters, { limit: BATCH, order, after });
      const page = rows.slice(0, BATCH);
      if (page.length > 0) yield await cellsOf(page);
      const last = page[page.length - 1];
      if (rows.length <= BATCH || !last) return;
      after = { key: last.sortKey, id: last.id };
    }
  }

  async function cellsOf(rows: DocumentRow[]): Promise<XlsxCell[][]> {
    const fieldRefs = (kind: "user" | "company") =>
      rows.flatMap((r) => {
        const values = JSON.parse(r.fields) as Record<string, unknown>;
        return fieldColumns.filter((c) => c.type === kind).map((c) => values[c.key]);
      });
    const strings = (values: unknown[]) => values.filter((v): v is string => typeof v === "string");
    const [companies, users] = await Promise.all([
      companyNamesByIds(ctx.db, strings([...rows.map((r) => r.companyId), ...fieldRefs("company")])),
      userNamesByIds(ctx.db, strings([...rows.map((r) => r.responsibleId), ...fieldRefs("user")])),
    ]);
    return rows.map((row) => {
      const type = types.get(row.typeId);
      const company = row.companyId ? companies.get(row.companyId) : undefined;
      const values = JSON.parse(row.fields) as Record<string, unknown>;
      const own = new Set(type?.fields.map((f) => `${f.key}\u0000${f.label}`));
      return [
        row.number,
        { date: localDay(row.createdAt, timeZone) },
        type?.row.name ?? "",
        row.title,
        company?.name ?? "",
        company?.inn ?? "",
        statusOf(type, row.statusCode).name,
        stateLabel(locale, row.state),
        row.responsibleId ? (users.get(row.responsibleId) ?? "") : "",
        ...fieldColumns.map((c) =>
          own.has(`${c.key}\u0000${c.label}`) ? fieldCell(c, values[c.key], companies, users) : null,
        ),
      ];
    });
  }

  const stamp = ctx.clock.now().toISOString().slice(0, 10);
  const onlyType = query.typeId ? types.get(query.typeId)?.row.name : undefined;
  const baseName = `${L.registry}${onlyType ? ` — ${onlyType}` : ""} ${stamp}`.replace(/[\\/:*?"<>|]/g, "_");
  if (format === "csv") {
    return {
      fileName: `${baseName}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: Readable.from(csvLines([...headers, ...fieldColumns.map((c) => c.label)], pages(), locale)),
    };
  }
  const columns: XlsxColumn[] = [
    { header: L.number, width: 16 },
    { header: L.date, width: 14, numFmt: DAY_FORMAT[locale] },
    { header: L.type, width: 18 },
    { header: L.title, width: 40 },
    { header: L.company, width: 28 },
    { header: L.inn, width: 14 },
    { header: L.status, width: 16 },
    { header: L.state, width: 16 },
    { header: L.responsible, width: 22 },
    ...fieldColumns.map((c) => ({
      header: c.label,
      width: 16,
      ...(c.type === "date" ? { numFmt: DAY_FORMAT[locale] } : c.type === "money" ? { numFmt: "#,##0.00" } : {}),
    })),
  ];
  return { fileName: `${baseName}.xlsx`, contentType: XLSX_MIME, body: xlsxStream(L.registry, columns, pages()) };
}

/** One column per custom field of the types present; fields of two types that share key and label share a column. */
function fieldColumnsOf(types: LoadedType[]): FieldColumn[] {
  const columns = new Map<string, FieldColumn>();
  const byName = [...types].sort((a, b) => a.row.name.localeCompare(b.row.name));
  for (const type of byName) {
    for (const f of type.fields) {
      const id = `${f.key}\u0000${f.label}`;
      if (!columns.has(id)) columns.set(id, { key: f.key, label: f.label, type: f.type });
    }
  }
  return [...columns.values()];
}

function fieldCell(
  column: FieldColumn,
  value: unknown,
  companies: Map<string, { name: string }>,
  users: Map<string, string>,
): XlsxCell {
  if (value === null || value === undefined || value === "") return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  switch (column.type) {
    case "number":
    case "money": {
      const n = typeof value === "number" ? value : Number(value);
      return Number.isFinite(n) ? n : text;
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { date: text } : text;
    case "company":
      return companies.get(text)?.name ?? text;
    case "user":
      return users.get(text) ?? text;
    case "text":
    case "select":
      return text;
  }
}

/** CSV for a spreadsheet in the reader's language: days as they write them, decimal commas in Russian. */
async function* csvLines(
  headers: string[],
  pages: AsyncIterable<XlsxCell[][]>,
  locale: Locale,
): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(headers);
  const text = (cell: XlsxCell): string | null => {
    if (cell === null || cell === undefined) return null;
    if (typeof cell === "object") return displayDay(cell.date, locale);
    if (typeof cell === "number") return locale === "ru" ? String(cell).replace(".", ",") : String(cell);
    return cell;
  };
  for await (const page of pages) yield page.map((row) => csvLine(row.map(text))).join("");
}
