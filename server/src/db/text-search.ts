import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { searchTerms } from "../lib/russian-stemmer.js";
import type { Db } from "./database.js";
import type { Dialect } from "./dialect.js";

/**
 * Full-text search over documents, the one SQLite/PostgreSQL difference too big for dialect.ts:
 * PostgreSQL keeps a `tsvector` with the 'russian' configuration under a GIN index; SQLite keeps an FTS5 table of
 * Snowball-stemmed words (queried as stem prefixes), so "договора" finds "договор" on both.
 */
export interface TextSearch {
  createIndex(db: Kysely<unknown>): Promise<void>;
  dropIndex(db: Kysely<unknown>): Promise<void>;
  /** Replaces the indexed text of one document: `head` (number, title) and `body` (the file's text). */
  index(db: Db, documentId: string, head: string, body: string): Promise<void>;
  /**
   * The `q` condition on `documents`: the number equals q, or the number, title or text match its words, or the
   * document belongs to one of `companyIds` (the companies whose name matches q).
   */
  matches(q: string, companyIds?: string[]): Expression<SqlBool>;
}

// Bounds the index row of one document (PostgreSQL refuses a tsvector over 1 MB).
const MAX_BODY_CHARS = 400_000;
const MAX_QUERY_TERMS = 16;

const postgres: TextSearch = {
  async createIndex(db) {
    await sql`create table document_search (
      document_id text primary key references documents(id),
      tsv tsvector not null)`.execute(db);
    await sql`create index document_search_tsv_idx on document_search using gin (tsv)`.execute(db);
  },
  async dropIndex(db) {
    await sql`drop table document_search`.execute(db);
  },
  async index(db, documentId, head, body) {
    const text = body.slice(0, MAX_BODY_CHARS);
    await sql`insert into document_search (document_id, tsv)
      values (${documentId}, setweight(to_tsvector('russian', ${head}), 'A') || to_tsvector('russian', ${text}))
      on conflict (document_id) do update set tsv = excluded.tsv`.execute(db);
  },
  matches(q, companyIds = []) {
    if (searchTerms(q).length === 0) return sql<SqlBool>`documents.number = ${q}`;
    // The number is in the tsvector too, so no "number = q OR …": an OR around the IN turns it into a per-row
    // subplan, which took seconds on a million rows for a common word; alone it plans as a semi-join. The company
    // matches join the same IN as a UNION for that reason.
    const byCompany =
      companyIds.length === 0
        ? sql``
        : sql`union all select id from documents where company_id in (${sql.join(companyIds)})`;
    return sql<SqlBool>`documents.id in (
      select document_id from document_search where tsv @@ plainto_tsquery('russian', ${q}) ${byCompany})`;
  },
};

const sqlite: TextSearch = {
  async createIndex(db) {
    // FTS5 rows are keyed by integer rowids; this map ties each one to a document id.
    await sql`create table document_search_keys (
      key integer primary key, document_id text not null unique references documents(id))`.execute(db);
    await sql`create virtual table document_search using fts5(body, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
  },
  async dropIndex(db) {
    await sql`drop table document_search`.execute(db);
    await sql`drop table document_search_keys`.execute(db);
  },
  async index(db, documentId, head, body) {
    const terms = searchTerms(`${head} ${body.slice(0, MAX_BODY_CHARS)}`);
    await sql`insert into document_search_keys (document_id) values (${documentId})
      on conflict (document_id) do nothing`.execute(db);
    const key = sql`(select key from document_search_keys where document_id = ${documentId})`;
    await sql`delete from document_search where rowid = ${key}`.execute(db);
    await sql`insert into document_search (rowid, body) values (${key}, ${terms.join(" ")})`.execute(db);
  },
  matches(q, companyIds = []) {
    const terms = [...new Set(searchTerms(q, MAX_QUERY_TERMS))];
    if (terms.length === 0) return sql<SqlBool>`documents.number = ${q}`;
    // Terms are letters and digits only, so quoting them cannot break the FTS5 query syntax.
    const query = terms.map((t) => `"${t}"*`).join(" ");
    // SQLite plans this OR as two index look-ups (number index, FTS match) and sorts the few results.
    const byCompany = companyIds.length === 0 ? sql`` : sql` or documents.company_id in (${sql.join(companyIds)})`;
    return sql<SqlBool>`(documents.number = ${q} or documents.id in (
      select k.document_id from document_search s join document_search_keys k on k.key = s.rowid
      where document_search match ${query})${byCompany})`;
  },
};

export const textSearchFor = (dialect: Pick<Dialect, "name">): TextSearch =>
  dialect.name === "postgres" ? postgres : sqlite;
