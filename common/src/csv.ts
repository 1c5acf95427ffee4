/** CSV as Excel and LibreOffice open it in Russian locales: UTF-8 with a byte-order mark, `;` between fields, CRLF. */
export const CSV_BOM = "\uFEFF";

/**
 * One CSV record. A field that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so an exported value a user typed cannot execute in the reader's spreadsheet (CSV injection).
 */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(";")}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
