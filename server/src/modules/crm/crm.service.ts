import type {
  Company,
  Contact,
  CreateCompanyBody,
  CreateContactBody,
  UpdateCompanyBody,
  UpdateContactBody,
} from "@docket/common";
import { isAdmin, nowIso, type Actor, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { inTransaction } from "../../db/work.js";
import { conflict, forbidden, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { namePage, type Page } from "../../lib/pagination.js";
import * as repo from "./crm.repository.js";

/** What refers to a company, or null; other modules say (ctx.hooks), so a company in use is never deleted. */
export type CompanyUsage = (db: Db, companyId: string) => Promise<string | null>;
const contactsOfCompany: CompanyUsage = async (db, id) =>
  (await repo.countContactsOf(db, id)) > 0 ? "it has contacts" : null;

const searchTextOf = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" ").toLowerCase();

export function presentCompany(row: repo.CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    inn: row.inn,
    kpp: row.kpp,
    address: row.address,
    phone: row.phone,
    email: row.email,
    createdAt: row.createdAt,
  };
}

function presentContact(row: repo.ContactRow): Contact {
  return {
    id: row.id,
    name: row.name,
    companyId: row.companyId,
    email: row.email,
    phone: row.phone,
    position: row.position,
    createdAt: row.createdAt,
  };
}

export async function listCompanies(
  ctx: AppContext,
  query: { limit: number; cursor?: string; q?: string },
): Promise<Page<Company>> {
  const page = await namePage(query, (bounds) => repo.listCompanies(ctx.db, { ...bounds, q: query.q }));
  return { items: page.items.map(presentCompany), nextCursor: page.nextCursor };
}

/**
 * Ids of the companies whose name or INN contains `q` (the registry's `q` also finds their documents). Bounded: a
 * query that matches more companies than this is too vague to widen a document search by company.
 */
export async function companyIdsMatching(db: Db, q: string, limit = 100): Promise<string[]> {
  const rows = await repo.listCompanies(db, { limit, q });
  return rows.slice(0, limit).map((r) => r.id);
}

/** The company row, or undefined; reads with `db` (the caller's transaction too). */
export const findCompany = (db: Db, id: string) => repo.findCompany(db, id);

/** Name and INN of each of `ids` that exists, in one query (exports name a page of documents' companies at once). */
export async function companyNamesByIds(
  db: Db,
  ids: string[],
): Promise<Map<string, { name: string; inn: string | null }>> {
  const rows = await repo.findCompaniesByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { name: r.name, inn: r.inn }]));
}

async function requireCompany(db: Db, id: string): Promise<repo.CompanyRow> {
  const row = await repo.findCompany(db, id);
  if (!row) throw notFound("Company not found");
  return row;
}

/** The company a request refers to in its `companyId` field, or a 422 on that field. */
export async function referencedCompany(db: Db, companyId: string): Promise<repo.CompanyRow> {
  const row = await repo.findCompany(db, companyId);
  if (!row) throw unprocessable("No such company", [{ path: "companyId", message: "No such company" }]);
  return row;
}

export async function getCompany(ctx: AppContext, id: string): Promise<Company> {
  return presentCompany(await requireCompany(ctx.db, id));
}

async function assertInnFree(db: Db, inn: string | null | undefined, exceptId?: string): Promise<void> {
  if (!inn) return;
  const holder = await repo.findCompanyByInn(db, inn);
  if (holder && holder.id !== exceptId)
    throw conflict(`Company "${holder.name}" already has INN ${inn}`, {
      code: "inn_taken",
      params: { company: holder.name, inn },
      field: "inn",
    });
}

export async function createCompany(ctx: AppContext, actor: Actor, input: CreateCompanyBody): Promise<Company> {
  await assertInnFree(ctx.db, input.inn);
  const at = nowIso(ctx);
  const row: repo.CompanyRow = {
    id: newId(),
    name: input.name,
    inn: input.inn ?? null,
    kpp: input.kpp ?? null,
    address: input.address ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    searchText: searchTextOf(input.name, input.inn),
    createdAt: at,
    updatedAt: at,
  };
  await inTransaction(ctx, async ({ trx, audit }) => {
    await repo.insertCompany(trx, row);
    await audit({
      actorId: actor.id,
      entityType: "company",
      entityId: row.id,
      action: "company.created",
      details: { name: row.name },
    });
  });
  return presentCompany(row);
}

export async function updateCompany(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateCompanyBody,
): Promise<Company> {
  const existing = await requireCompany(ctx.db, id);
  await assertInnFree(ctx.db, input.inn, id);
  const merged = { ...existing, ...stripUndefined(input) };
  await inTransaction(ctx, async ({ trx, at, audit }) => {
    await repo.updateCompanyRow(trx, id, {
      ...stripUndefined(input),
      searchText: searchTextOf(merged.name, merged.inn),
      updatedAt: at,
    });
    await audit({
      actorId: actor.id,
      entityType: "company",
      entityId: id,
      action: "company.updated",
      details: { changed: Object.keys(input) },
    });
  });
  return getCompany(ctx, id);
}

export async function deleteCompany(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!isAdmin(actor)) throw forbidden("Only an administrator can delete companies");
  const existing = await requireCompany(ctx.db, id);
  for (const usage of [contactsOfCompany, ...ctx.hooks.companyUsage]) {
    const reason = await usage(ctx.db, id);
    if (reason) {
      throw conflict(`Company "${existing.name}" cannot be deleted: ${reason}`, {
        code: "company_in_use",
        params: { company: existing.name },
      });
    }
  }
  await inTransaction(ctx, async ({ trx, audit }) => {
    await repo.deleteCompanyRow(trx, id);
    await audit({
      actorId: actor.id,
      entityType: "company",
      entityId: id,
      action: "company.deleted",
      details: { name: existing.name, inn: existing.inn },
    });
  });
}

export async function listContacts(
  ctx: AppContext,
  query: { limit: number; cursor?: string; q?: string; companyId?: string },
): Promise<Page<Contact>> {
  const page = await namePage(query, (bounds) =>
    repo.listContacts(ctx.db, { ...bounds, q: query.q, companyId: query.companyId }),
  );
  return { items: page.items.map(presentContact), nextCursor: page.nextCursor };
}

async function requireContact(db: Db, id: string): Promise<repo.ContactRow> {
  const row = await repo.findContact(db, id);
  if (!row) throw notFound("Contact not found");
  return row;
}

export async function getContact(ctx: AppContext, id: string): Promise<Contact> {
  return presentContact(await requireContact(ctx.db, id));
}

export async function createContact(ctx: AppContext, actor: Actor, input: CreateContactBody): Promise<Contact> {
  if (input.companyId) await referencedCompany(ctx.db, input.companyId);
  const at = nowIso(ctx);
  const row: repo.ContactRow = {
    id: newId(),
    name: input.name,
    companyId: input.companyId ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    position: input.position ?? null,
    searchText: searchTextOf(input.name, input.email, input.phone),
    createdAt: at,
    updatedAt: at,
  };
  await inTransaction(ctx, async ({ trx, audit }) => {
    await repo.insertContact(trx, row);
    await audit({
      actorId: actor.id,
      entityType: "contact",
      entityId: row.id,
      action: "contact.created",
      details: { name: row.name },
    });
  });
  return presentContact(row);
}

export async function updateContact(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateContactBody,
): Promise<Contact> {
  const existing = await requireContact(ctx.db, id);
  if (input.companyId) await referencedCompany(ctx.db, input.companyId);
  const merged = { ...existing, ...stripUndefined(input) };
  await inTransaction(ctx, async ({ trx, at, audit }) => {
    await repo.updateContactRow(trx, id, {
      ...stripUndefined(input),
      searchText: searchTextOf(merged.name, merged.email, merged.phone),
      updatedAt: at,
    });
    await audit({
      actorId: actor.id,
      entityType: "contact",
      entityId: id,
      action: "contact.updated",
      details: { changed: Object.keys(input) },
    });
  });
  return getContact(ctx, id);
}

export async function deleteContact(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const existing = await requireContact(ctx.db, id);
  await inTransaction(ctx, async ({ trx, audit }) => {
    await repo.deleteContactRow(trx, id);
    await audit({
      actorId: actor.id,
      entityType: "contact",
      entityId: id,
      action: "contact.deleted",
      details: { name: existing.name },
    });
  });
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** Email intake finds a message's company by its sender: an exact address first, then the address's domain. */
export { companyIdByEmail, companyIdByEmailDomain } from "./crm.repository.js";

export async function companyIdByInn(db: Db, inn: string): Promise<string | null> {
  return (await repo.findCompanyByInn(db, inn))?.id ?? null;
}
