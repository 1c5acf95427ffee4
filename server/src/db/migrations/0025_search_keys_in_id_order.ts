import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";
import { searchKey } from "../text-search.js";

const BATCH = 5000;

/**
 * SQLite: re-keys the FTS5 index so that its rowid order is document id order (text-search.ts `searchKey`), which
 * lets a search read the newest matches first and stop. Keys used to be handed out in indexing order. Walking the
 * documents in id order, each takes max(its searchKey, previous key + 1), so the order holds even for twins.
 * The old code reads any keys, so there is nothing to undo. PostgreSQL has no such keys.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect.name !== "sqlite") return;
  // Kysely runs SQLite migrations outside a transaction; a crash halfway must leave the old index whole.
  await sql`begin immediate`.execute(db);
  try {
    await rekey(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

async function rekey(db: Kysely<unknown>): Promise<void> {
  await sql`create temp table search_rekey (old integer primary key, new integer not null)`.execute(db);
  let previous = -1n;
  let after = "";
  for (;;) {
    // Old keys were counted from 1, well inside a JS number.
    const { rows } = await sql<{ key: number; id: string }>`select key, document_id as id from document_search_keys
      where document_id > ${after} order by document_id limit ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    const moves = rows.map((row) => {
      const natural = searchKey(row.id);
      previous = natural > previous ? natural : previous + 1n;
      return sql`(${row.key}, ${previous})`;
    });
    await sql`insert into search_rekey (old, new) values ${sql.join(moves)}`.execute(db);
    after = rows[rows.length - 1]!.id;
  }
  await sql`create table document_search_keys_new (
    key integer primary key, document_id text not null unique references documents(id))`.execute(db);
  await sql`insert into document_search_keys_new (key, document_id)
    select r.new, k.document_id from document_search_keys k join search_rekey r on r.old = k.key`.execute(db);
  await sql`create virtual table document_search_new using fts5(body, tokenize = 'unicode61 remove_diacritics 0')`.execute(
    db,
  );
  await sql`insert into document_search_new (rowid, body)
    select r.new, s.body from search_rekey r join document_search s on s.rowid = r.old order by r.new`.execute(db);
  await sql`drop table document_search`.execute(db);
  await sql`drop table document_search_keys`.execute(db);
  await sql`drop table search_rekey`.execute(db);
  await sql`alter table document_search_keys_new rename to document_search_keys`.execute(db);
  await sql`alter table document_search_new rename to document_search`.execute(db);
}
