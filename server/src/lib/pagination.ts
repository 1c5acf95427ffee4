import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from "kysely";
import { AppError } from "./errors.js";

/**
 * Keyset cursors: the sort key and id of the last row, base64url-encoded JSON. They survive inserts between
 * pages, unlike offsets, and keep every page an index range scan at any table size.
 */
export interface Cursor {
  key: string | number | null;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");
}

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (raw === undefined || raw === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === "string") {
      const key: unknown = parsed[0];
      if (key === null || typeof key === "string" || typeof key === "number") return { key, id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("validation_failed", "Invalid cursor", [{ path: "cursor", message: "Invalid cursor" }]);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Callers fetch limit + 1 rows; the extra row only says whether another page exists. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/** Rows strictly after a (name, id) cursor, for lists ordered by name then id. */
export function afterNameAndId(after: { key: string; id: string }): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref("name")} > ${after.key} or (${sql.ref("name")} = ${after.key} and ${sql.ref("id")} > ${after.id}))`;
}

/** Where a page of a list ordered by name, then id, starts: the request's cursor, or the start. */
export interface NameCursor {
  key: string;
  id: string;
}

function decodeNameCursor(raw: string | undefined): NameCursor | undefined {
  const cursor = decodeCursor(raw);
  return cursor ? { key: String(cursor.key), id: cursor.id } : undefined;
}

/** A page of rows ordered by name, then id (fetched by `byNameAfter`), with the cursor to the next one. */
const toNamePage = <T extends { name: string; id: string }>(rows: T[], limit: number): Page<T> =>
  toPage(rows, limit, (r) => ({ key: r.name, id: r.id }));

/** The page a list request asks for: `fetch` reads it with `byNameAfter`, from the request's cursor. */
export async function namePage<T extends { name: string; id: string }>(
  query: { limit: number; cursor?: string },
  fetch: (bounds: { limit: number; after?: NameCursor }) => Promise<T[]>,
): Promise<Page<T>> {
  const rows = await fetch({ limit: query.limit, after: decodeNameCursor(query.cursor) });
  return toNamePage(rows, query.limit);
}

/** Orders a query by name, then id, starts it after the cursor and fetches one row more than the limit. */
export function byNameAfter(opts: { limit: number; after?: NameCursor }) {
  return <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>) => {
    const page = query
      .orderBy(sql.ref("name"))
      .orderBy(sql.ref("id"))
      .limit(opts.limit + 1);
    return opts.after ? page.where(afterNameAndId(opts.after)) : page;
  };
}
