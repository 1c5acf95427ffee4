import { sql, type Selectable, type Updateable } from "kysely";
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

/** A company whose own email is this address, or else the company of a contact with this address. */
export async function companyIdByEmail(db: Db, email: string): Promise<string | null> {
  const address = email.toLowerCase();
  const company = await db
    .selectFrom("companies")
    .select("id")
    .where(sql<boolean>`lower(email) = ${address}`)
    .orderBy("id")
    .executeTakeFirst();
  if (company) return company.id;
  const contact = await db
    .selectFrom("contacts")
    .select("companyId")
    .where(sql<boolean>`lower(email) = ${address}`)
    .where("companyId", "is not", null)
    .orderBy("id")
    .executeTakeFirst();
  return contact?.companyId ?? null;
}

/** A company whose email, or a contact's, is at this domain (`example.ru` matches `anyone@example.ru`). */
export async function companyIdByEmailDomain(db: Db, domain: string): Promise<string | null> {
  // Only letters, digits, dots and hyphens reach the LIKE pattern, so it holds no wildcard of the caller's.
  if (!/^[a-z0-9.-]+$/.test(domain)) return null;
  const pattern = `%@${domain}`;
  const company = await db
    .selectFrom("companies")
    .select("id")
    .where(sql<boolean>`lower(email) like ${pattern}`)
    .orderBy("id")
    .executeTakeFirst();
  if (company) return company.id;
  const contact = await db
    .selectFrom("contacts")
    .select("companyId")
    .where(sql<boolean>`lower(email) like ${pattern}`)
    .where("companyId", "is not", null)
    .orderBy("id")
    .executeTakeFirst();
  return contact?.companyId ?? null;
}
