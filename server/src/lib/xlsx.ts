// The one XLSX writer of the server (registry export, registration journal). exceljs's streaming WorkbookWriter
// writes each committed row into the zip as it goes, without shared strings, so memory stays flat however many rows
// a workbook has; the producer waits whenever the HTTP response is not being read fast enough.
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";

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

/** Resolves when `stream` can take more bytes again, or has closed (the client went away). */
function roomIn(stream: PassThrough): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/**
 * A one-sheet workbook as a byte stream: the header row (bold, frozen), then every batch of `rows` as it arrives.
 * An error while producing rows destroys the stream, so the client sees a broken download, never a short file.
 */
export function xlsxStream(sheetName: string, columns: XlsxColumn[], rows: AsyncIterable<XlsxCell[][]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    header: c.header,
    width: c.width ?? 16,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const batch of rows) {
      if (out.destroyed) return;
      for (const row of batch) sheet.addRow(row.map(cellValue)).commit();
      await roomIn(out);
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
