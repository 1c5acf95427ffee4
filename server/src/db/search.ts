import { sql, type RawBuilder } from "kysely";

/** `column LIKE %q%` with the user's own % and _ matched literally (same ESCAPE syntax on SQLite and PostgreSQL). */
export function containsText(column: string, q: string): RawBuilder<boolean> {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`${sql.ref(column)} like ${`%${escaped}%`} escape '\\'`;
}
