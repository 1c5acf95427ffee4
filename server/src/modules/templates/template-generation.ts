import type { Document, DocumentFieldDef, GenerateDocumentBody } from "@docket/common";
import { blobStoreFor } from "../../blobs/blob-store.js";
import type { Actor, AppContext } from "../../context.js";
import { inTransaction, type Trx, type Work } from "../../db/work.js";
import { unprocessable } from "../../lib/errors.js";
import { findCompany } from "../crm/index.js";
import { registerDocumentInWork, requireType, sanitizeName } from "../documents/index.js";
import { requireVisibleItem, type ItemRow } from "../processes/index.js";
import { getUser } from "../users/index.js";
import { fillTemplate } from "./docx-template.js";
import * as repo from "./templates.repository.js";
import { MAX_TEMPLATE_BYTES } from "./templates.service.js";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** `POST /api/items/:id/generate`: whoever may attach documents to the item (its participants, admins). */
export async function generateForItem(
  ctx: AppContext,
  actor: Actor,
  itemId: string,
  body: GenerateDocumentBody,
): Promise<Document> {
  const item = await requireVisibleItem(ctx.db, actor, itemId);
  return inTransaction(ctx, (work) => generateInWork(ctx, work, actor, item, body));
}

/**
 * Fills the template for the item and registers the result through the documents module, in the caller's unit of
 * work: the number is taken first and written into the file, so the document and its text carry the same number,
 * and a failure anywhere takes neither. The generateDocument robot calls this inside its run; `actor` null = robot.
 */
export async function generateInWork(
  ctx: AppContext,
  work: Work,
  actor: Actor | null,
  item: ItemRow,
  { templateId, title }: GenerateDocumentBody,
): Promise<Document> {
  const { trx } = work;
  const template = await repo.findTemplate(trx, templateId);
  if (!template || template.archivedAt)
    throw unprocessable("No such template", [{ path: "templateId", message: "No such template" }]);
  const type = await requireType(trx, template.typeId);
  const bytes = await blobStoreFor(ctx.config).readVerified(template.sha256, MAX_TEMPLATE_BYTES);
  const itemFields = JSON.parse(item.fields) as Record<string, unknown>;
  const documentTitle = title?.trim() || template.name;
  const values = {
    title: documentTitle,
    ...(await companyValues(trx, item.companyId)),
    "item.title": item.title,
    "initiator.name": await personName(ctx, trx, item.initiatorId),
    "responsible.name": await personName(ctx, trx, item.responsibleId),
    ...(await fieldValues(ctx, trx, type.fields, itemFields)),
  };
  const document = await registerDocumentInWork(ctx, work, actor, {
    typeId: type.row.id,
    title: documentTitle,
    companyId: item.companyId,
    // The item's values of the type's fields go into the registry too, checked like any registration.
    fields: Object.fromEntries(type.fields.filter((f) => f.key in itemFields).map((f) => [f.key, itemFields[f.key]])),
    itemIds: [item.id],
    file: {
      name: `${sanitizeName(documentTitle, 150)}.docx`,
      mimeType: DOCX_MIME,
      generate: async ({ number, at }) =>
        fillTemplate(bytes, { ...values, number, date: formatDate(at, ctx.config.timeZone) }),
    },
  });
  await work.audit({
    actorId: actor?.id ?? null,
    entityType: "item",
    entityId: item.id,
    action: "item.document_added",
    details: { documentId: document.id, number: document.number, title: document.title, templateId: template.id },
  });
  return document;
}

async function companyValues(trx: Trx, companyId: string | null) {
  const company = companyId ? await findCompany(trx, companyId) : undefined;
  return {
    "company.name": company?.name ?? "",
    "company.inn": company?.inn ?? "",
    "company.kpp": company?.kpp ?? "",
    "company.address": company?.address ?? "",
  };
}

// A person who has left still has a name on the documents they started.
async function personName(ctx: AppContext, trx: Trx, userId: string | null): Promise<string> {
  if (!userId) return "";
  try {
    return (await getUser({ ...ctx, db: trx }, userId)).name;
  } catch {
    return "";
  }
}

/** `fields.<key>` as a reader expects it: dates as dd.mm.yyyy, people and companies by name, lists joined. */
async function fieldValues(
  ctx: AppContext,
  trx: Trx,
  defs: DocumentFieldDef[],
  itemFields: Record<string, unknown>,
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const def of defs) {
    const raw = itemFields[def.key];
    const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    const words = await Promise.all(list.map((value) => fieldWord(ctx, trx, def, value)));
    result[`fields.${def.key}`] = words.join(", ");
  }
  return result;
}

async function fieldWord(ctx: AppContext, trx: Trx, def: DocumentFieldDef, value: unknown): Promise<string> {
  const text = typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
  if (def.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text.split("-").reverse().join(".");
  if (def.type === "user") return (await personName(ctx, trx, text)) || text;
  if (def.type === "company") return (await findCompany(trx, text))?.name ?? text;
  return text;
}

/** The registration's date in the installation's time zone, as dd.mm.yyyy. */
const formatDate = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat("ru-RU", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(at),
  );
