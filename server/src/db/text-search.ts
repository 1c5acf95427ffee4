import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import { searchTerms } from "../lib/russian-stemmer.js";
import type { Db } from "./database.js";
import type { Dialect } from "./dialect.js";

/**
 * Full-text search over documents, the one SQLite/PostgreSQL difference too big for dialect.ts:
 * PostgreSQL keeps a `tsvector` with the 'russian' configuration under a GIN index; SQLite keeps an FTS5 table of
 * Snowball-stemmed words, so "договора" finds "договор" on both.
 */
export interface TextSearch {
  createIndex(db: Kysely<unknown>): Promise<void>;
  dropIndex(db: Kysely<unknown>): Promise<void>;
  /**
   * Replaces the indexed text of one document: `head` (number, title) and `body` (the file's text). `isNew`: the
   * document was inserted in this transaction, so it has no entry to replace yet (a registration skips that look-up).
   */
  index(db: Db, documentId: string, head: string, body: string, options?: { isNew?: boolean }): Promise<void>;
  /**
   * The documents matching `q`: the number equals q, or the number, title or text match its words, or the document
   * belongs to one of `companyIds` (the companies whose name matches q).
   */
  matches(db: Db, q: string, companyIds?: string[]): Promise<TextMatch>;
}

export interface TextMatch {
  /** The condition on a `documents` row, for any order. */
  condition: Expression<SqlBool>;
  /**
   * The same documents newest first, as `select documents.id …` queries (one per way of matching: index, number,
   * companies) that also apply `where`, start below the id `before` and stop after `limit` rows. A word found in
   * most documents then costs `limit` rows instead of all of them. Their union, newest first, is the list.
   */
  newest(where: Expression<SqlBool>, limit: number, before?: string): RawBuilder<{ id: string }>[];
  /** How many documents the index alone matches (number and title included), counting no further than `cap`. */
  countIndexed(db: Db, cap: number): Promise<number>;
  /** Whether documents outside the index match too (those of the companies whose name matches q). */
  beyondIndex: boolean;
}

// Bounds the index row of one document (PostgreSQL refuses a tsvector over 1 MB).
const MAX_BODY_CHARS = 400_000;
const MAX_QUERY_TERMS = 16;

/**
 * What a walk's probe of one document's tsvector costs, in matches collected from the GIN index: 6,199 probes took
 * 138 ms and 7,449 collected and sorted matches 19–36 ms, warm, at 1,000,000 documents («договор мебели»).
 */
const WALKED_PROBE_COST = 5;

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
  async matches(db, q, companyIds = []) {
    if (searchTerms(q).length === 0) return exactNumber(q);
    const byCompany = companyMatch(companyIds);
    const query = sql`plainto_tsquery('russian', ${q})`;
    // The number is in the tsvector too. Every way of matching is its own query: an OR around the IN turns it into a
    // per-row subplan, which took seconds on a million rows for a common word.
    const indexed = sql<SqlBool>`documents.id in (select document_id from document_search where tsv @@ ${query})`;
    // GIN cannot return matches in id order, so the plan depends on how many there are (pg_stats, as the planner
    // sees them). A common word walks the documents newest first and probes each one's tsvector (a scalar
    // subquery, so the planner cannot turn it into a join), stopping after `limit`; a rarer one is collected from
    // the GIN index and sorted. Left to itself the planner costs the probes too cheaply: a word in 0.3 % of the
    // documents walked 20,000 of them to find 50.
    const { share, rows } = await matchingShare(db, q);
    const walked = sql<SqlBool>`(select s.tsv from document_search s where s.document_id = documents.id) @@ ${query}`;
    // The hits sorted newest first, then each looked up in that order until `limit` pass `where` (a lateral subquery
    // behind OFFSET 0, which the planner cannot flatten into a join). Joined instead, an estimate of ~1,000 hits for
    // 10 real ones made the planner walk the id index backwards to merge with them: 350–750 ms over a million
    // documents for a number or a company name; a lookup of every hit before sorting cost 7,000 lookups for 50 rows.
    const collected = (where: Expression<SqlBool>, limit: number, before?: string) =>
      sql<{ id: string }>`select h.document_id as id from (
          select document_id from document_search
          where tsv @@ ${query}${before === undefined ? sql`` : sql` and document_id < ${before}`}
          order by document_id desc offset 0) as h
        cross join lateral (select 1 from documents where documents.id = h.document_id and ${where} offset 0) as d
        order by h.document_id desc limit ${limit}`;
    return {
      condition: byCompany ? sql<SqlBool>`(${indexed} or ${byCompany})` : indexed,
      newest: (where, limit, before) => [
        // Walking probes about limit / share documents, collecting reads share * rows matches; a probe costs about
        // WALKED_PROBE_COST collected matches, so walk only when it reads that many times fewer rows.
        share * share * rows >= limit * WALKED_PROBE_COST
          ? newestWhere(walked, where, limit, before)
          : collected(where, limit, before),
        ...(byCompany ? [newestWhere(byCompany, where, limit, before)] : []),
      ],
      countIndexed: (db, cap) => countRows(db, sql`select 1 from document_search where tsv @@ ${query} limit ${cap}`),
      beyondIndex: byCompany !== undefined,
    };
  },
};

const sqlite: TextSearch = {
  async createIndex(db) {
    // FTS5 rows are keyed by integer rowids (searchKey of the document id); this map ties each one to its document.
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
  async index(db, documentId, head, body, options) {
    const terms = searchTerms(`${head} ${body.slice(0, MAX_BODY_CHARS)}`);
    await assignKey(db, documentId);
    const key = sql`(select key from document_search_keys where document_id = ${documentId})`;
    if (!options?.isNew) await sql`delete from document_search where rowid = ${key}`.execute(db);
    await sql`insert into document_search (rowid, body) values (${key}, ${terms.join(" ")})`.execute(db);
  },
  matches(_db, q, companyIds = []) {
    const terms = [...new Set(searchTerms(q, MAX_QUERY_TERMS))];
    if (terms.length === 0) return Promise.resolve(exactNumber(q));
    const byCompany = companyMatch(companyIds);
    // Terms are letters and digits only, so quoting them cannot break the FTS5 query syntax. Whole stems, as
    // PostgreSQL matches lexemes: a prefix query ("stem"*) merges the whole doclist of every term starting with the
    // stem before the first row comes out, 50–120 ms for a word found in most of a million documents.
    const query = terms.map((t) => `"${t}"`).join(" ");
    const byNumber = sql<SqlBool>`documents.number = ${q}`;
    const indexed = sql<SqlBool>`documents.id in (
      select k.document_id from document_search s join document_search_keys k on k.key = s.rowid
      where document_search match ${query})`;
    return Promise.resolve({
      // SQLite plans this OR as index look-ups (number index, FTS match, company index) and sorts the results.
      condition: sql<SqlBool>`(${sql.join([byNumber, indexed, ...(byCompany ? [byCompany] : [])], sql` or `)})`,
      newest: (where, limit, before) => [
        // The FTS5 rowid is the document's key, in id order (searchKey), so reading the match backwards by rowid
        // lists the newest documents first and stops after `limit` of them that pass `where`. CROSS JOIN keeps
        // the index as the outer loop.
        sql<{ id: string }>`select documents.id from document_search
          cross join document_search_keys k on k.key = document_search.rowid
          cross join documents on documents.id = k.document_id
          where document_search match ${query} and ${where}${
            before === undefined
              ? sql``
              : sql`
            and document_search.rowid < coalesce((select key from document_search_keys where document_id = ${before}),
              ${searchKey(before)}) and documents.id < ${before}`
          }
          order by document_search.rowid desc limit ${limit}`,
        newestWhere(byNumber, where, limit, before),
        ...(byCompany ? [newestWhere(byCompany, where, limit, before)] : []),
      ],
      // A document whose number is q has q's words in its indexed number.
      countIndexed: (db, cap) =>
        countRows(db, sql`select 1 from document_search where document_search match ${query} limit ${cap}`),
      beyondIndex: byCompany !== undefined,
    });
  },
};

/**
 * The estimated share of documents whose tsvector matches every word of q (the product of the words' frequencies
 * in pg_stats; a word not among its most common elements counts as rare), and the number of indexed documents.
 */
async function matchingShare(db: Db, q: string): Promise<{ share: number; rows: number }> {
  const { rows } = await sql<{ rows: number; freqs: (number | null)[] }>`select
      (select reltuples from pg_class where oid = 'document_search'::regclass) as rows,
      array(select s.most_common_elem_freqs[array_position(s.most_common_elems::text::text[], lexeme)]
        from unnest(tsvector_to_array(to_tsvector('russian', ${q}))) as lexeme) as freqs
    from pg_stats s
    where s.schemaname = current_schema() and s.tablename = 'document_search' and s.attname = 'tsv'`.execute(db);
  const stats = rows[0];
  if (!stats || stats.freqs.length === 0) return { share: 0, rows: 0 };
  return { share: stats.freqs.reduce<number>((product, f) => product * (f ?? 0), 1), rows: Number(stats.rows) };
}

/**
 * The FTS5 rowid of a document: its UUIDv7 id's 48-bit milliseconds and 12-bit counter. Ids made in one process
 * are strictly increasing in those 60 bits, so rowid order is id order, which is newest first read backwards.
 */
export function searchKey(id: string): bigint {
  const hex = `${id.slice(0, 8)}${id.slice(9, 13)}${id.slice(15, 18)}`;
  if (!/^[0-9a-f]{15}$/i.test(hex)) throw new Error(`not a UUIDv7 document id: ${id}`);
  return BigInt(`0x${hex}`);
}

/**
 * Gives a document its key once. Only a second process writing the same SQLite file could make an id with the
 * same 60 bits in the same millisecond; that document takes the next free key, next to its twin in the order.
 */
async function assignKey(db: Db, documentId: string): Promise<void> {
  const hasKey = sql`select 1 from document_search_keys where document_id = ${documentId}`;
  for (let key = searchKey(documentId); ; key++) {
    const { rows } = await sql`insert into document_search_keys (key, document_id)
      select ${key}, ${documentId} where not exists (${hasKey}) on conflict (key) do nothing returning 1`.execute(db);
    if (rows.length > 0 || (await hasKey.execute(db)).rows.length > 0) return;
  }
}

const companyMatch = (companyIds: string[]) =>
  companyIds.length === 0 ? undefined : sql<SqlBool>`documents.company_id in (${sql.join(companyIds)})`;

/** q without a word to search for (punctuation only) can still be a number. */
function exactNumber(q: string): TextMatch {
  const byNumber = sql<SqlBool>`documents.number = ${q}`;
  return {
    condition: byNumber,
    newest: (where, limit, before) => [newestWhere(byNumber, where, limit, before)],
    countIndexed: (db, cap) => countRows(db, sql`select 1 from documents where ${byNumber} limit ${cap}`),
    beyondIndex: false,
  };
}

async function countRows(db: Db, rows: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from (${rows}) as counted`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** The documents passing `match` and `where`, newest first: a walk of an index that ends in id. */
function newestWhere(match: Expression<SqlBool>, where: Expression<SqlBool>, limit: number, before?: string) {
  const below = before === undefined ? sql`` : sql` and documents.id < ${before}`;
  return sql<{ id: string }>`select documents.id from documents where ${match} and ${where}${below}
    order by documents.id desc limit ${limit}`;
}

export const textSearchFor = (dialect: Pick<Dialect, "name">): TextSearch =>
  dialect.name === "postgres" ? postgres : sqlite;
