import { parseIsoDuration, type CreateItemBody, type Item, type Stage, type UpdateItemBody } from "@docket/common";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { AppError, conflict, forbidden, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { getCompany } from "../crm/index.js";
import { assertActiveUsers } from "../users/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { inTransaction } from "../../db/work.js";
import { documentIdsOfItems } from "./item-documents.js";
import * as repo from "./items.repository.js";
import { requireProcess, requireProcessVersion, stageOf, type LoadedProcess } from "./processes.service.js";
import { startItem } from "./stage-entry.js";

/** What presenting items needs: a database handle (the caller's transaction, if any), settings and the clock. */
export type ItemReader = Pick<AppContext, "db" | "config" | "clock">;

/** Items as `viewer` sees them: `documentIds` names only documents the viewer may open (null = automation: all). */
export async function presentItems(
  reader: ItemReader,
  process: LoadedProcess,
  rows: repo.ItemRow[],
  viewer: Actor | null,
): Promise<Item[]> {
  const { db } = reader;
  const ids = rows.map((r) => r.id);
  const withSla = process.stages.some((s) => s.sla);
  const calendar = withSla ? await loadBusinessCalendar(db, reader.config) : null;
  const now = reader.clock.now();
  const observers = await repo.observersOf(db, ids);
  const documents = await documentIdsOfItems(db, ids, viewer);
  return rows.map((row) => {
    const stage = stageOf(process, row.stageCode);
    const sla = stage?.sla ? parseIsoDuration(stage.sla) : null;
    // Finished items are not late, whatever their last stage says.
    const dueAt =
      calendar && sla && stage?.semantics === "process"
        ? calendar.addWorkingTime(new Date(row.stageEnteredAt), sla)
        : null;
    return presentRow(row, stage, dueAt, now, observers, documents);
  });
}

function presentRow(
  row: repo.ItemRow,
  stage: Stage | undefined,
  dueAt: Date | null,
  now: Date,
  observers: Map<string, string[]>,
  documents: Map<string, string[]>,
): Item {
  return {
    id: row.id,
    processId: row.processId,
    title: row.title,
    stage: stage ?? {
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
    processVersion: row.processVersion,
    dueAt: dueAt?.toISOString() ?? null,
    overdue: dueAt !== null && now > dueAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function presentItem(reader: ItemReader, row: repo.ItemRow, viewer: Actor | null): Promise<Item> {
  const [item] = await presentItems(reader, await requireProcess(reader.db, row.processId), [row], viewer);
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

const assertPeople = assertActiveUsers;

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
        processVersion: process.version,
        createdAt: work.at,
        updatedAt: work.at,
      },
      [...new Set(input.observerIds ?? [])],
    ),
  );
  return presentItems(ctx, process, [row], actor).then((items) => items[0]!);
}

export async function getItem(ctx: AppContext, actor: Actor, id: string): Promise<Item> {
  return presentItem(ctx, await requireVisibleItem(ctx.db, actor, id), actor);
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
        ctx,
        process,
        page.items.filter((r) => r.processId === id),
        actor,
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
  return presentItem(ctx, (await repo.findItem(ctx.db, id))!, actor);
}

const MY_WORK_LIMIT = 200;

/** Open items (in a process stage) the user is responsible for: overdue first, then by due time, then newest. */
export async function itemsResponsibleOf(ctx: AppContext, user: Actor): Promise<Item[]> {
  const rows = await repo.itemsOfResponsible(ctx.db, user.id, MY_WORK_LIMIT);
  const items: Item[] = [];
  for (const processId of new Set(rows.map((r) => r.processId))) {
    const process = await requireProcess(ctx.db, processId);
    items.push(
      ...(await presentItems(
        ctx,
        process,
        rows.filter((r) => r.processId === processId),
        user,
      )),
    );
  }
  const open = items.filter((item) => item.stage.semantics === "process");
  const due = (item: Item) => item.dueAt ?? "9999";
  return open.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || due(a).localeCompare(due(b)) || b.id.localeCompare(a.id),
  );
}

/** `POST /api/items/:id/process-version` (admin): the item runs that version's robots from its next stage entry on. */
export async function moveItemToVersion(ctx: AppContext, actor: Actor, id: string, version: number): Promise<Item> {
  const item = await requireVisibleItem(ctx.db, actor, id);
  const target = await requireProcessVersion(ctx.db, item.processId, version);
  if (target.version !== version) throw notFound(`Process version ${version} not found`);
  if (!stageOf(target, item.stageCode))
    throw conflict(`Stage "${item.stageCode}" does not exist in version ${version} of this process`);
  if (version !== item.processVersion)
    await inTransaction(ctx, async ({ trx, at, audit }) => {
      await repo.updateItemRow(trx, id, { processVersion: version, updatedAt: at });
      await audit({
        actorId: actor.id,
        entityType: "item",
        entityId: id,
        action: "item.process_version_changed",
        details: { from: item.processVersion, to: version },
      });
    });
  return presentItem(ctx, (await repo.findItem(ctx.db, id))!, actor);
}
