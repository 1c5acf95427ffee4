import {
  addIsoDuration,
  parseIsoDuration,
  type CreateItemBody,
  type Item,
  type ListItemsQuery,
  type Robot,
  type Stage,
  type UpdateItemBody,
} from "@docket/common";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { conflict, forbidden, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, encodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { referencedCompany } from "../crm/index.js";
import { assertActiveUsers } from "../users/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { inTransaction } from "../../db/work.js";
import { documentsOfItems, type ItemDocumentSummary } from "./item-documents.js";
import * as repo from "./items.repository.js";
import {
  requireProcess,
  requireProcessVersion,
  robotsOfVersion,
  stageOf,
  type LoadedProcess,
} from "./processes.service.js";
import { startItem } from "./stage-entry.js";

/** What presenting items needs: a database handle (the caller's transaction, if any), settings and the clock. */
export type ItemReader = Pick<AppContext, "db" | "config" | "clock" | "hooks">;

/**
 * When an item entered at `enteredAt` outstays its stage: the SLA (working time) where the stage has one, else the
 * first delayed robot of the stage in the item's version (its reminder), in that robot's kind of time. Null in a
 * finished stage, or when nothing limits the stage.
 */
type StageLimit = (row: repo.ItemRow, stage: Stage | undefined) => { dueAt: Date | null; limitAt: Date | null };

async function stageLimits(reader: ItemReader, process: LoadedProcess, rows: repo.ItemRow[]): Promise<StageLimit> {
  const { db, config } = reader;
  const robotsByVersion = new Map<number, Robot[]>();
  for (const version of new Set(rows.map((r) => r.processVersion)))
    robotsByVersion.set(version, await robotsOfVersion(reader, process.id, version));
  const needsCalendar =
    process.stages.some((s) => s.sla) ||
    [...robotsByVersion.values()].some((robots) => robots.some((r) => r.delay && r.delayIn === "working"));
  const calendar = needsCalendar ? await loadBusinessCalendar(db, config) : null;
  return (row, stage) => {
    // Finished items are not late, whatever their last stage says.
    if (!stage || stage.semantics !== "process") return { dueAt: null, limitAt: null };
    const entered = new Date(row.stageEnteredAt);
    const sla = stage.sla ? parseIsoDuration(stage.sla) : null;
    if (sla && calendar) {
      const dueAt = calendar.addWorkingTime(entered, sla);
      return { dueAt, limitAt: dueAt };
    }
    const reminders = (robotsByVersion.get(row.processVersion) ?? [])
      .filter((robot) => robot.stage === stage.code && robot.delay)
      .map((robot) => {
        const delay = parseIsoDuration(robot.delay)!;
        return robot.delayIn === "working" && calendar
          ? calendar.addWorkingTime(entered, delay)
          : addIsoDuration(entered, delay, config.timeZone);
      });
    const limitAt = reminders.length > 0 ? new Date(Math.min(...reminders.map((d) => d.getTime()))) : null;
    return { dueAt: null, limitAt };
  };
}

/** Items as `viewer` sees them: documents (ids, number, amount) only those the viewer may open (null = automation: all). */
export async function presentItems(
  reader: ItemReader,
  process: LoadedProcess,
  rows: repo.ItemRow[],
  viewer: Actor | null,
): Promise<Item[]> {
  const { db } = reader;
  const ids = rows.map((r) => r.id);
  const limits = await stageLimits(reader, process, rows);
  const now = reader.clock.now();
  const observers = await repo.observersOf(db, ids);
  const documents = await documentsOfItems(reader, ids, viewer);
  const lateApprovals = await repo.itemsWithLateApprovals(db, ids, now.toISOString());
  return rows.map((row) => {
    const stage = stageOf(process, row.stageCode);
    const { dueAt, limitAt } = limits(row, stage);
    const open = stage?.semantics !== "success" && stage?.semantics !== "failure";
    const overdue = (limitAt !== null && now > limitAt) || (open && lateApprovals.has(row.id));
    return presentRow(row, stage, dueAt, overdue, observers, documents.get(row.id) ?? []);
  });
}

function presentRow(
  row: repo.ItemRow,
  stage: Stage | undefined,
  dueAt: Date | null,
  overdue: boolean,
  observers: Map<string, string[]>,
  documents: ItemDocumentSummary[],
): Item {
  const fields = JSON.parse(row.fields) as Record<string, unknown>;
  const ownAmount = typeof fields.amount === "number" && Number.isFinite(fields.amount) ? fields.amount : null;
  const main = documents[0];
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
    documentIds: documents.map((d) => d.id),
    fields,
    processVersion: row.processVersion,
    dueAt: dueAt?.toISOString() ?? null,
    overdue,
    mainDocument: main ? { id: main.id, number: main.number } : null,
    amount: ownAmount ?? documents.find((d) => d.amount !== null)?.amount ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The CRM hook: a company that process items refer to cannot be deleted (409). */
export async function itemsUsingCompany(db: Db, companyId: string): Promise<string | null> {
  const count = await repo.countItemsOfCompany(db, companyId);
  return count > 0 ? `${count} process item(s) refer to it` : null;
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

export async function createItem(
  ctx: AppContext,
  actor: Actor,
  processId: string,
  input: CreateItemBody,
): Promise<Item> {
  const process = await requireProcess(ctx.db, processId);
  await assertPeople(ctx.db, "responsibleId", [input.responsibleId]);
  await assertPeople(ctx.db, "observerIds", input.observerIds ?? []);
  if (input.companyId) await referencedCompany(ctx.db, input.companyId);
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

/** Rows scanned per round when a filter (search, overdue) can only be checked on the presented item. */
const SCAN_BATCH = 200;

/**
 * Visible items, newest first: of one process (the kanban) or of all, narrowed by stage, company, responsible
 * (`mine` = the caller), overdue and a search over title, company and document numbers. Filters SQL cannot decide
 * (overdue depends on the working calendar; numbers only count when the caller may open the document) are applied to
 * presented items, scanning in batches until the page is full.
 */
export async function listItems(
  ctx: AppContext,
  actor: Actor,
  query: Omit<ListItemsQuery, "limit"> & { limit: number; processId?: string },
): Promise<Page<Item>> {
  if (query.processId) await requireProcess(ctx.db, query.processId);
  if (query.mine && query.responsibleId && query.responsibleId !== actor.id) return { items: [], nextCursor: null };
  const words = (query.q ?? "").toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const filter: repo.ItemFilter = {
    processId: query.processId,
    stage: query.stage,
    companyId: query.companyId,
    responsibleId: query.mine ? actor.id : query.responsibleId,
    limit: query.limit,
    beforeId: decodeCursor(query.cursor)?.id,
  };
  if (words.length === 0 && !query.overdue) {
    const rows = await repo.listItems(ctx.db, actor, filter);
    const page = toPage(rows, query.limit, (r) => ({ key: null, id: r.id }));
    return { items: await presentMixed(ctx, actor, page.items), nextCursor: page.nextCursor };
  }
  const companies = words.length > 0 ? await companyMatches(ctx.db, words) : [];
  const matches = (item: Item) =>
    (!query.overdue || item.overdue) &&
    words.every(
      (word, i) =>
        item.title.toLocaleLowerCase().includes(word) ||
        (item.companyId !== null && companies[i]!.has(item.companyId)) ||
        (item.mainDocument?.number.toLocaleLowerCase().includes(word) ?? false),
    );
  const found: Item[] = [];
  let beforeId = filter.beforeId;
  for (;;) {
    const rows = await repo.listItems(ctx.db, actor, { ...filter, beforeId, limit: SCAN_BATCH });
    const batch = rows.slice(0, SCAN_BATCH);
    for (const item of await presentMixed(ctx, actor, batch)) {
      if (!matches(item)) continue;
      if (found.length === query.limit)
        return { items: found, nextCursor: encodeCursor({ key: null, id: found.at(-1)!.id }) };
      found.push(item);
    }
    if (rows.length <= SCAN_BATCH) return { items: found, nextCursor: null };
    beforeId = batch.at(-1)!.id;
  }
}

/** For each search word, the companies whose name or INN holds it. */
const companyMatches = (db: Db, words: string[]) => Promise.all(words.map((w) => repo.companiesMatching(db, w)));

/** Rows of any processes, presented, newest first. */
async function presentMixed(ctx: AppContext, actor: Actor, rows: repo.ItemRow[]): Promise<Item[]> {
  return (await presentByProcess(ctx, actor, rows)).sort((a, b) => (a.id < b.id ? 1 : -1));
}

/** Rows of any processes, presented process by process. */
async function presentByProcess(ctx: AppContext, actor: Actor, rows: repo.ItemRow[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const processId of new Set(rows.map((r) => r.processId))) {
    const process = await requireProcess(ctx.db, processId);
    items.push(
      ...(await presentItems(
        ctx,
        process,
        rows.filter((r) => r.processId === processId),
        actor,
      )),
    );
  }
  return items;
}

export async function updateItem(ctx: AppContext, actor: Actor, id: string, input: UpdateItemBody): Promise<Item> {
  const item = await requireVisibleItem(ctx.db, actor, id);
  assertMayWorkOn(actor, item);
  await assertPeople(ctx.db, "responsibleId", [input.responsibleId]);
  await assertPeople(ctx.db, "observerIds", input.observerIds ?? []);
  if (input.companyId) await referencedCompany(ctx.db, input.companyId);
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
  const items = await presentByProcess(ctx, user, rows);
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
    throw conflict(`Stage "${item.stageCode}" does not exist in version ${version} of this process`, {
      code: "stage_not_in_version",
      params: { stage: item.stageCode, version },
    });
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
