// The one XLSX writer of the server (registry export, registration journal). exceljs's streaming WorkbookWriter
// writes each committed row into the zip as it goes, without shared strings; with back-pressure added (see
// xlsx-workbook-writer.ts) the producer waits whenever deflate or the HTTP response falls behind, so memory stays
// flat however many rows a workbook has. exceljs is loaded on the first export (~27 MB resident), not at start.
import { PassThrough, type Readable } from "node:stream";

export interface XlsxColumn {
  header: string;
  /** Width in characters. */
  width?: number;
  /** Excel number format, e.g. "dd.mm.yyyy" for a date column. */
  numFmt?: string;
}

/** A calendar date ("2026-03-01") is written as a real spreadsheet date; numbers as numbers; the rest as text. */
export type XlsxCell = string | number | { date: string } | null | undefined;

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function cellValue(cell: XlsxCell): string | number | Date | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "object") return new Date(`${cell.date}T00:00:00Z`);
  return cell;
}

/**
 * A one-sheet workbook as a byte stream: the header row (bold, frozen), then every batch of `rows` as it arrives.
 * An error while producing rows destroys the stream, so the client sees a broken download, never a short file.
 */
export function xlsxStream(sheetName: string, columns: XlsxColumn[], rows: AsyncIterable<XlsxCell[][]>): Readable {
  const out = new PassThrough();
  const write = async () => {
    const { BackPressuredWorkbookWriter } = await import("./xlsx-workbook-writer.js");
    const workbook = new BackPressuredWorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({
      key: String(i),
      header: c.header,
      width: c.width ?? 16,
      ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    for await (const batch of rows) {
      if (out.destroyed) return;
      for (const row of batch) sheet.addRow(row.map(cellValue)).commit();
      await workbook.room(out);
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
