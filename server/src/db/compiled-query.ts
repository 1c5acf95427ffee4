import type { Compilable, CompiledQuery } from "kysely";
import type { Db } from "./database.js";

/** A value bound into the query; null only as a value written (`where x = null` never matches). */
type Value = string | number | null;

/** Marks where each value goes in the compiled query's parameters; no real value starts with a NUL. */
const MARK = "\u0000value:";

/** A query takes at most this many shapes (one per length of each list), so a stray caller cannot grow it forever. */
const MAX_SHAPES = 64;

/** The SQL text of every shape kept, by a name of its own (see `preparedStatementName`). */
const statementNames = new Map<string, string>();

/**
 * The name under which PostgreSQL keeps this SQL prepared, when it is the text of a query compiled once here: the
 * database's connection then parses and plans it once per connection, not on every run. Other SQL has none: their
 * texts are not bounded, and each would stay prepared on every connection for good.
 */
export const preparedStatementName = (sql: string): string | undefined => statementNames.get(sql);

/**
 * `select *`, `"t".*`, `returning *`: a prepared statement that returns every column of a table stops working when a
 * migration adds a column ("cached plan must not change result type"), which is what an old process meets while
 * several are upgraded one at a time. Such a statement is not prepared; one that names its columns is.
 */
const returnsEveryColumn = (sql: string) => /(?:^|[\s,])(?:"\w+"\.)?\*(?:[\s,]|$)/.test(sql);

/**
 * Every column of a table, by name, for a statement kept prepared that reads them all: unlike `select *`, it still
 * works once a later migration adds a column. The record names each column once; the compiler checks it against the
 * table, so a column added to the table must be added here too.
 */
export const everyColumn = <Table>(columns: Record<keyof Table & string, true>) =>
  Object.keys(columns) as (keyof Table & string)[];

/**
 * A statement that runs on every request or every robot, compiled once. Kysely builds a query's tree and compiles its
 * SQL on every call (~200 µs for the document look-up, whose run takes ~10 µs on SQLite); here `build` runs once per
 * database and shape with a marker in place of each value, and each call swaps its values into the compiled
 * parameters. A list makes a shape per length. Only for queries whose SQL the values do not change: values must be
 * bound (`=`, `in`, values written), never `sql.raw` or identifiers, and anything that changes the SQL's structure (an
 * admin sees everything) is a query of its own. Run with a transaction of the database, it is the same compiled
 * query. A plugin's `transformQuery` sees it once, when it is compiled; `transformResult` sees every run.
 */
export function compiledQuery<P extends Record<string, Value | Value[]>, R>(
  build: (db: Db, params: P) => Compilable<R>,
) {
  const compiled = new WeakMap<object, Map<string, CompiledQuery<R>>>();
  return async function run(db: Db, params: P): Promise<R[]> {
    const executor = db.getExecutor();
    // The SQL text depends on the database's dialect and plugins (camel case), not on the connection: a transaction
    // is a new handle each time but shares its database's adapter, and `withoutPlugins()` has no plugins.
    const shape =
      `${executor.plugins.length}:` +
      Object.entries(params)
        .map(([key, value]) => (Array.isArray(value) ? `${key}[${value.length}]` : key))
        .join();
    let shapes = compiled.get(executor.adapter);
    if (!shapes) compiled.set(executor.adapter, (shapes = new Map<string, CompiledQuery<R>>()));
    let query = shapes.get(shape);
    if (!query) {
      const markers = Object.fromEntries(
        Object.entries(params).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.map((_, i) => `${MARK}${key}.${i}`) : `${MARK}${key}`,
        ]),
      );
      query = build(db, markers as P).compile();
      if (shapes.size < MAX_SHAPES) {
        shapes.set(shape, query);
        if (!statementNames.has(query.sql) && !returnsEveryColumn(query.sql))
          statementNames.set(query.sql, `docket_${statementNames.size + 1}`);
      }
    }
    const parameters = query.parameters.map((value) => {
      if (typeof value !== "string" || !value.startsWith(MARK)) return value;
      const [key, index] = value.slice(MARK.length).split(".") as [string, string?];
      const given = params[key];
      return Array.isArray(given) ? given[Number(index)] : given;
    });
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
