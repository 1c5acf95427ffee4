import { sql } from "kysely";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl, testDatabase } from "../../test/harness.js";
import { compiledQuery } from "./compiled-query.js";
import { createDatabase, type DatabaseHandle, type Db } from "./database.js";

describe("compiledQuery", () => {
  let handle: DatabaseHandle;
  // A table of its own: the query helper does not care which one.
  const people = (db: Db) => db.withTables<{ people: { id: string; age: number | null } }>();

  beforeAll(async () => {
    handle = await createDatabase("sqlite::memory:");
    await sql`create table people (id text primary key, age integer)`.execute(handle.db);
    await sql`insert into people values ('a', 30), ('b', 40), ('c', 50)`.execute(handle.db);
  });
  afterAll(() => handle.close());

  it("answers each call with its own values, whatever the calls before it were", async () => {
    const older = compiledQuery((db, p: { id: string; age: number }) =>
      people(db).selectFrom("people").select("id").where("id", "=", p.id).where("age", ">", p.age),
    );
    expect(await older(handle.db, { id: "b", age: 35 })).toEqual([{ id: "b" }]);
    expect(await older(handle.db, { id: "b", age: 45 })).toEqual([]);
    expect(await older(handle.db, { id: "c", age: 45 })).toEqual([{ id: "c" }]);
  });

  it("takes lists of any length, each length its own statement", async () => {
    const some = compiledQuery((db, p: { ids: string[] }) =>
      people(db).selectFrom("people").select("id").where("id", "in", p.ids).orderBy("id"),
    );
    expect(await some(handle.db, { ids: ["c"] })).toEqual([{ id: "c" }]);
    expect(await some(handle.db, { ids: ["a", "c"] })).toEqual([{ id: "a" }, { id: "c" }]);
    expect(await some(handle.db, { ids: ["b"] })).toEqual([{ id: "b" }]);
    expect(await some(handle.db, { ids: ["c", "b", "x"] })).toEqual([{ id: "b" }, { id: "c" }]);
  });

  it("writes in a transaction with the values of each call, nulls included", async () => {
    const insert = compiledQuery((db, p: { id: string; age: number | null }) =>
      people(db).insertInto("people").values(p).returning("id"),
    );
    await handle.db.transaction().execute(async (trx) => {
      expect(await insert(trx, { id: "d", age: 60 })).toEqual([{ id: "d" }]);
      expect(await insert(trx, { id: "e", age: null })).toEqual([{ id: "e" }]);
    });
    await handle.db.transaction().execute((trx) => insert(trx, { id: "f", age: 70 }));
    const { rows } = await sql<{
      id: string;
      age: number | null;
    }>`select * from people where id > 'c' order by id`.execute(handle.db);
    expect(rows).toEqual([
      { id: "d", age: 60 },
      { id: "e", age: null },
      { id: "f", age: 70 },
    ]);
  });
});

describe.skipIf(testDatabase !== "postgres")("compiledQuery on PostgreSQL", () => {
  let handle: DatabaseHandle;
  const people = (db: Db) => db.withTables<{ people: { id: string; age: number | null } }>();

  beforeAll(async () => {
    handle = await createDatabase(await freshDatabaseUrl(os.tmpdir()));
    await sql`create table people (id text primary key, age integer)`.execute(handle.db);
    await sql`insert into people values ('a', 30), ('b', 40)`.execute(handle.db);
  });
  afterAll(() => handle.close());

  it("runs as a statement the connection keeps prepared, and leaves every other query unprepared", async () => {
    const older = compiledQuery((db, p: { age: number }) =>
      people(db).selectFrom("people").select("id").where("age", ">", p.age).orderBy("id"),
    );
    await handle.db.transaction().execute(async (trx) => {
      expect(await older(trx, { age: 35 })).toEqual([{ id: "b" }]);
      expect(await older(trx, { age: 25 })).toEqual([{ id: "a" }, { id: "b" }]);
      await people(trx).selectFrom("people").select("id").where("age", "<", 35).execute();
      // Asked on the same connection (the transaction's): what it keeps prepared.
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
      expect(rows.map((r) => r.statement)).toEqual(['select "id" from "people" where "age" > $1 order by "id"']);
    });
  });

  it("keeps working on a connection opened before a migration added a column: `select *` is not prepared", async () => {
    const everyColumn = compiledQuery((db, p: { id: string }) =>
      people(db).selectFrom("people").selectAll().where("id", "=", p.id),
    );
    const after = await handle.db.connection().execute(async (connection) => {
      expect(await everyColumn(connection, { id: "a" })).toEqual([{ id: "a", age: 30 }]);
      await sql`alter table people add column nickname text`.execute(handle.db); // a newer process migrates
      return everyColumn(connection, { id: "a" });
    });
    expect(after).toEqual([{ id: "a", age: 30, nickname: null }]);
  });
});
