import { sql, type RawBuilder, type Selectable, type SelectQueryBuilder, type Updateable } from "kysely";
import type { Db } from "../../db/database.js";
import type { CompaniesTable, ContactsTable } from "../../db/schema.js";
import { containsText } from "../../db/search.js";
import { byNameAfter, type NameCursor } from "../../lib/pagination.js";

export type CompanyRow = Selectable<CompaniesTable>;
export type ContactRow = Selectable<ContactsTable>;

interface ListOptions {
  limit: number;
  q?: string;
  after?: NameCursor;
}

export const findCompany = (db: Db, id: string) =>
  db.selectFrom("companies").selectAll().where("id", "=", id).executeTakeFirst();

export const findCompanyByInn = (db: Db, inn: string) =>
  db.selectFrom("companies").selectAll().where("inn", "=", inn).executeTakeFirst();

export const findCompaniesByIds = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom("companies").selectAll().where("id", "in", ids).execute();

export const listCompanies = (db: Db, opts: ListOptions): Promise<CompanyRow[]> =>
  db.selectFrom("companies").selectAll().$call(byNamePage(opts)).execute();

/** A page ordered by name, then id: the rows holding the search words, after the cursor, one more than the limit. */
function byNamePage(opts: ListOptions) {
  return <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>) => {
    const page = query.$call(byNameAfter(opts));
    return opts.q ? page.where(containsText("searchText", opts.q.toLowerCase())) : page;
  };
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
  let query = db.selectFrom("contacts").selectAll().$call(byNamePage(opts));
  if (opts.companyId) query = query.where("companyId", "=", opts.companyId);
  return query.execute();
}

export const insertContact = (db: Db, row: ContactRow) => db.insertInto("contacts").values(row).execute();
export const updateContactRow = (db: Db, id: string, patch: Updateable<ContactsTable>) =>
  db.updateTable("contacts").set(patch).where("id", "=", id).execute();
export const deleteContactRow = (db: Db, id: string) => db.deleteFrom("contacts").where("id", "=", id).execute();

/** A company whose own email is this address, or else the company of a contact with this address. */
export const companyIdByEmail = (db: Db, email: string) =>
  companyIdWhereEmail(db, sql<boolean>`lower(email) = ${email.toLowerCase()}`);

/** A company whose email, or a contact's, is at this domain (`example.ru` matches `anyone@example.ru`). */
export function companyIdByEmailDomain(db: Db, domain: string): Promise<string | null> {
  // Only letters, digits, dots and hyphens reach the LIKE pattern, so it holds no wildcard of the caller's.
  if (!/^[a-z0-9.-]+$/.test(domain)) return Promise.resolve(null);
  return companyIdWhereEmail(db, sql<boolean>`lower(email) like ${`%@${domain}`}`);
}

/** The first company whose email matches, or else the company of the first contact whose email does. */
async function companyIdWhereEmail(db: Db, emailMatches: RawBuilder<boolean>): Promise<string | null> {
  const company = await db.selectFrom("companies").select("id").where(emailMatches).orderBy("id").executeTakeFirst();
  if (company) return company.id;
  const contact = await db
    .selectFrom("contacts")
    .select("companyId")
    .where(emailMatches)
    .where("companyId", "is not", null)
    .orderBy("id")
    .executeTakeFirst();
  return contact?.companyId ?? null;
}
