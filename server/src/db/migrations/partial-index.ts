import { sql, type Kysely } from "kysely";

/**
 * An index over only the rows whose `whereNull` column is null (pending jobs, unread notifications), so it stays as
 * small as the backlog however large the table grows. Shipped migrations call it: what it creates must never change.
 */
export const createIndexWhereNull = (
  db: Kysely<unknown>,
  index: { name: string; on: string; columns: string[]; whereNull: string },
) =>
  db.schema
    .createIndex(index.name)
    .on(index.on)
    .columns(index.columns)
    .where(sql.ref(index.whereNull), "is", null)
    .execute();
