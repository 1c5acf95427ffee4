import { toLocal, type AuditQuery } from "@docket/common";
import type { Db } from "../../db/database.js";
import { CSV_BOM, csvLine } from "../../lib/csv.js";
import { listAuditLog } from "./audit-log.js";

const HEADERS = {
  ru: ["Время", "Кто", "ID пользователя", "Действие", "Тип объекта", "ID объекта", "Подробности"],
  en: ["Time", "Who", "User ID", "Action", "Object type", "Object ID", "Details"],
};
/** Rows read per query; the export walks the whole filtered log with the list's keyset cursor. */
const BATCH = 500;

/** "2026-03-01 14:05:09" in the installation's time zone: what a spreadsheet reads as a date and time. */
function localTime(iso: string, timeZone: string): string {
  const { date, ms } = toLocal(new Date(iso), timeZone);
  return `${date} ${new Date(ms).toISOString().slice(11, 19)}`;
}

/** The filtered audit log as CSV lines, newest first, the BOM and header line first. */
export async function* auditCsv(
  db: Db,
  filters: Omit<AuditQuery, "limit" | "cursor">,
  options: { locale: "ru" | "en"; timeZone: string },
): AsyncGenerator<string> {
  const headers = [...HEADERS[options.locale]];
  headers[0] = `${headers[0]} (${options.timeZone})`;
  yield CSV_BOM + csvLine(headers);
  let cursor: string | undefined;
  do {
    const page = await listAuditLog(db, { ...filters, limit: BATCH, cursor });
    yield page.items
      .map((entry) =>
        csvLine([
          localTime(entry.at, options.timeZone),
          entry.actor?.name ?? (options.locale === "ru" ? "Автоматизация" : "Automation"),
          entry.actor?.id,
          entry.action,
          entry.entityType,
          entry.entityId,
          Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : "",
        ]),
      )
      .join("");
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
