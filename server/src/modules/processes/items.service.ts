import type { CreateItemBody, Item, UpdateItemBody } from "@docket/common";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { AppError, forbidden, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { getCompany } from "../crm/crm.service.js";
import { inTransaction } from "../../db/work.js";
import { documentIdsOfItems } from "./item-documents.js";
import * as repo from "./items.repository.js";
import { requireProcess, stageOf, type LoadedProcess } from "./processes.service.js";
import { startItem } from "./stage-entry.js";

export async function presentItems(db: Db, process: LoadedProcess, rows: repo.ItemRow[]): Promise<Item[]> {
  const ids = rows.map((r) => r.id);
  const observers = await repo.observersOf(db, ids);
  const documents = await documentIdsOfItems(db, ids);
  return rows.map((row) => ({
    id: row.id,
    processId: row.processId,
    title: row.title,
    stage: stageOf(process, row.stageCode) ?? {
      code: row.stageCode,
      name: row.stageCode,
      color: "#868e96",
      semantics: "process",
    },
    stageEnteredAt: row.stageEnteredAt,
    initiatorId: row.initiatorId,
    responsibleId: row.responsibleId,
    observerIds: observers.get(row.id) ?? [],
    companyId: row.companyId,
    documentIds: documents.get(row.id) ?? [],
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

export async function presentItem(db: Db, row: repo.ItemRow): Promise<Item> {
  const [item] = await presentItems(db, await requireProcess(db, row.processId), [row]);
  return item!;
}

/** The item as the actor may see it, or 404 (also when it exists but is not theirs to see). */
export async function requireVisibleItem(db: Db, actor: Actor | null, id: string): Promise<repo.ItemRow> {
  const row = await repo.findVisibleItem(db, actor, id);
  if (!row) throw notFound("Item not found");
  return row;
}

/** The initiator, the responsible and admins may change and move an item; anyone else who sees it gets 403. */
export function assertMayWorkOn(actor: Actor, item: repo.ItemRow): void {
  if (isAdmin(actor) || item.initiatorId === actor.id || item.responsibleId === actor.id) return;
  throw forbidden("Only the initiator, the responsible or an administrator can change this item");
}

async function assertPeople(db: Db, path: string, ids: (string | null | undefined)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  const found = await repo.findUsers(db, wanted);
  const missing = wanted.filter((id) => !found.some((u) => u.id === id && u.active === 1));
  if (missing.length > 0)
    throw unprocessable("No such active user", [{ path, message: `Unknown: ${missing.join(", ")}` }]);
}

async function assertCompany(ctx: AppContext, companyId: string | null | undefined): Promise<void> {
  if (!companyId) return;
  try {
    await getCompany(ctx, companyId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found")
      throw unprocessable("No such company", [{ path: "companyId", message: "No such company" }]);
    throw error;
  }
}

export async function createItem(
  ctx: AppContext,
  actor: Actor,
  processId: string,
  input: CreateItemBody,
): Promise<Item> {
  const process = await requireProcess(ctx.db, processId);
  await assertPeople(ctx.db, "responsibleId", [input.responsibleId]);
  await assertPeople(ctx.db, "observerIds", input.observerIds ?? []);
  await assertCompany(ctx, input.companyId);
  const row = await inTransaction(ctx, (work) =>
    startItem(
      ctx,
      work,
      process,
      {
        id: newId(new Date(work.at).getTime()),
        processId,
        title: input.title,
        initiatorId: actor.id,
        responsibleId: input.responsibleId ?? null,
        companyId: input.companyId ?? null,
        fields: JSON.stringify(input.fields ?? {}),
        createdAt: work.at,
        updatedAt: work.at,
      },
      [...new Set(input.observerIds ?? [])],
    ),
  );
  return presentItems(ctx.db, process, [row]).then((items) => items[0]!);
}

export async function getItem(ctx: AppContext, actor: Actor, id: string): Promise<Item> {
  return presentItem(ctx.db, await requireVisibleItem(ctx.db, actor, id));
}

/** Visible items, newest first: of one process (the kanban) or of all, optionally of one company or stage. */
export async function listItems(
  ctx: AppContext,
  actor: Actor,
  query: { limit: number; cursor?: string; processId?: string; stage?: string; companyId?: string },
): Promise<Page<Item>> {
  if (query.processId) await requireProcess(ctx.db, query.processId);
  const cursor = decodeCursor(query.cursor);
  const rows = await repo.listItems(ctx.db, actor, { ...query, beforeId: cursor?.id });
  const page = toPage(rows, query.limit, (r) => ({ key: null, id: r.id }));
  const items: Item[] = [];
  const processes = new Map<string, LoadedProcess>();
  for (const row of page.items) {
    if (!processes.has(row.processId)) processes.set(row.processId, await requireProcess(ctx.db, row.processId));
  }
  for (const [id, process] of processes) {
    items.push(
      ...(await presentItems(
        ctx.db,
        process,
        page.items.filter((r) => r.processId === id),
      )),
    );
  }
  items.sort((a, b) => (a.id < b.id ? 1 : -1));
  return { items, nextCursor: page.nextCursor };
}

export async function updateItem(ctx: AppContext, actor: Actor, id: string, input: UpdateItemBody): Promise<Item> {
  const item = await requireVisibleItem(ctx.db, actor, id);
  assertMayWorkOn(actor, item);
  await assertPeople(ctx.db, "responsibleId", [input.responsibleId]);
  await assertPeople(ctx.db, "observerIds", input.observerIds ?? []);
  await assertCompany(ctx, input.companyId);
  await inTransaction(ctx, async ({ trx, at, audit }) => {
    await repo.updateItemRow(trx, id, {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.companyId !== undefined && { companyId: input.companyId }),
      ...(input.responsibleId !== undefined && { responsibleId: input.responsibleId }),
      ...(input.fields !== undefined && { fields: JSON.stringify(input.fields) }),
      updatedAt: at,
    });
    if (input.observerIds !== undefined) await repo.replaceObservers(trx, id, [...new Set(input.observerIds)]);
    await audit({
      actorId: actor.id,
      entityType: "item",
      entityId: id,
      action: "item.updated",
      details: {
        changed: Object.keys(input),
        ...(input.responsibleId !== undefined && { responsibleId: input.responsibleId }),
      },
    });
  });
  // Not getItem: someone who hands the item over may no longer see it in a `participants` process.
  return presentItem(ctx.db, (await repo.findItem(ctx.db, id))!);
}
