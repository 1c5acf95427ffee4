import { sql, type RawBuilder } from "kysely";

export type DialectName = "sqlite" | "postgres";

/**
 * Every SQLite/PostgreSQL difference the code relies on lives here, so the rest of the code stays portable.
 * Portable schema rules: text UUIDv7 ids, ISO-8601 UTC timestamps as text (they sort as text), 0/1 integers
 * for booleans, JSON as text.
 */
export interface Dialect {
  name: DialectName;
  /** Suffix for a SELECT that claims rows other workers must skip (PostgreSQL); SQLite has a single writer. */
  skipLocked: RawBuilder<unknown>;
  /** Whether the driver returns BIGINT/COUNT results as strings that must be converted. */
  countAsString: boolean;
}

export function dialectFor(name: DialectName): Dialect {
  if (name === "postgres") {
    return { name, skipLocked: sql`for update skip locked`, countAsString: true };
  }
  return { name, skipLocked: sql``, countAsString: false };
}

export const toBool = (value: number | boolean | null | undefined): boolean => value === 1 || value === true;
export const fromBool = (value: boolean): number => (value ? 1 : 0);
