import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../db/database.js";
import type { CompaniesTable, ContactsTable } from "../../db/schema.js";
import { containsText } from "../../db/search.js";
import { afterNameAndId } from "../../lib/pagination.js";

export type CompanyRow = Selectable<CompaniesTable>;
export type ContactRow = Selectable<ContactsTable>;

interface ListOptions {
  limit: number;
  q?: string;
  after?: { key: string; id: string };
}

export const findCompany = (db: Db, id: string) =>
  db.selectFrom("companies").selectAll().where("id", "=", id).executeTakeFirst();

export const findCompanyByInn = (db: Db, inn: string) =>
  db.selectFrom("companies").selectAll().where("inn", "=", inn).executeTakeFirst();

export const findCompaniesByIds = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom("companies").selectAll().where("id", "in", ids).execute();

export function listCompanies(db: Db, opts: ListOptions): Promise<CompanyRow[]> {
  let query = db
    .selectFrom("companies")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .limit(opts.limit + 1);
  if (opts.q) query = query.where(containsText("searchText", opts.q.toLowerCase()));
  if (opts.after) {
    query = query.where(afterNameAndId(opts.after));
  }
  return query.execute();
}

export const insertCompany = (db: Db, row: CompanyRow) => db.insertInto("companies").values(row).execute();
export const updateCompanyRow = (db: Db, id: string, patch: Updateable<CompaniesTable>) =>
  db.updateTable("companies").set(patch).where("id", "=", id).execute();
export const deleteCompanyRow = (db: Db, id: string) => db.deleteFrom("companies").where("id", "=", id).execute();

export async function countContactsOf(db: Db, companyId: string): Promise<number> {
  const row = await db
    .selectFrom("contacts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("companyId", "=", companyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findContact = (db: Db, id: string) =>
  db.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();

export function listContacts(db: Db, opts: ListOptions & { companyId?: string }): Promise<ContactRow[]> {
  let query = db
    .selectFrom("contacts")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .limit(opts.limit + 1);
  if (opts.companyId) query = query.where("companyId", "=", opts.companyId);
  if (opts.q) query = query.where(containsText("searchText", opts.q.toLowerCase()));
  if (opts.after) {
    query = query.where(afterNameAndId(opts.after));
  }
  return query.execute();
}

export const insertContact = (db: Db, row: ContactRow) => db.insertInto("contacts").values(row).execute();
export const updateContactRow = (db: Db, id: string, patch: Updateable<ContactsTable>) =>
  db.updateTable("contacts").set(patch).where("id", "=", id).execute();
export const deleteContactRow = (db: Db, id: string) => db.deleteFrom("contacts").where("id", "=", id).execute();
