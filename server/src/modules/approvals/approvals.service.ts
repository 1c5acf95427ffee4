import {
  parseIsoDuration,
  type Approval,
  type ApprovalMode,
  type DecisionBody,
  type RoundDocument,
} from "@docket/common";
import { nowIso, type Actor, type AppContext } from "../../context.js";
import { conflict, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { messagesFor } from "../notifications/index.js";
import { notifyUsers } from "../notifications/index.js";
import { inTransaction, type Work } from "../../db/work.js";
import { actingFor, actingPersonFor } from "../people/index.js";
import type { ItemDocument } from "../processes/index.js";
import {
  enterStage,
  lockItemInEntry,
  processOfItem,
  requireItemRow,
  stageOf,
  type ItemRow,
  type LoadedProcess,
  type StageEntered,
} from "../processes/index.js";
import { freezeSheetJob } from "./approval-sheet.js";
import * as repo from "./approvals.repository.js";
import { approves, nextToAsk, outcomeOf, roundDocuments } from "./rounds.js";

export const itemLink = (itemId: string) => `/items/${itemId}`;

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

/** A task as `callerId` sees it: `actingFor` names the absent approver when the caller may decide it as deputy. */
function presentTask(row: repo.TaskListRow, callerId: string): Approval {
  return {
    id: row.id,
    itemId: row.itemId,
    item: { id: row.itemId, title: row.title, processId: row.processId },
    stage: row.stageCode,
    mode: row.mode,
    state: row.state === "waiting" ? "pending" : row.state,
    decision: row.decision,
    round: row.round,
    dueAt: row.dueAt,
    company: person(row.companyId, row.companyName),
    documents: roundDocuments(row),
    comment: row.comment,
    requestedAt: row.createdAt,
    decidedAt: row.decidedAt,
    approver: { id: row.approverId, name: row.approverName },
    onBehalfOf: person(row.onBehalfOf, row.onBehalfOfName),
    decidedBy: person(row.decidedBy, row.decidedByName),
    actingFor: row.approverId !== callerId ? { id: row.approverId, name: row.approverName } : null,
  };
}

export interface ApprovalRequest {
  process: LoadedProcess;
  item: ItemRow;
  robotId: string;
  stageEntryId: string;
  approverIds: string[];
  mode: ApprovalMode;
  onApprove: string;
  onReject: string;
  deadline?: string;
  reapprove: "all" | "notApproved";
  documents: ItemDocument[];
}

const boundDocument = (doc: ItemDocument): RoundDocument => {
  const amount = Number(doc.fields.amount);
  return {
    id: doc.id,
    number: doc.number,
    title: doc.title,
    version: doc.version,
    sha256: doc.sha256,
    fileName: doc.fileName,
    amount: doc.fields.amount !== undefined && doc.fields.amount !== null && Number.isFinite(amount) ? amount : null,
  };
};

/** When a task asked at `at` is due: `deadline` of working time later (null without a deadline). */
async function dueAtFor(ctx: AppContext, work: Work, deadline: string | null): Promise<string | null> {
  const duration = deadline ? parseIsoDuration(deadline) : null;
  if (!duration) return null;
  const calendar = await loadBusinessCalendar(work.trx, ctx.config);
  return calendar.addWorkingTime(new Date(work.at), duration).toISOString();
}

/**
 * The requestApproval robot, inside its transaction: a new round bound to the linked documents' current versions,
 * one task per approver. With `reapprove: notApproved` whoever approved the robot's previous round is carried over;
 * `sequential` asks only the first approver not carried, the others wait their turn. When nobody is left to ask,
 * the round is approved at once.
 */
export async function requestApproval(
  ctx: AppContext,
  work: Work,
  request: ApprovalRequest,
): Promise<{
  approvalId: string;
  round: number;
  documents: { id: string; number: string; version: number; sha256: string }[];
  carried: string[];
  asked: string[];
}> {
  const { item } = request;
  const approvalId = newId(new Date(work.at).getTime());
  const round = (await repo.lastRoundOf(work.trx, item.id)) + 1;
  const carried = new Set<string>();
  if (request.reapprove === "notApproved") {
    const previous = await repo.previousRoundOfRobot(work.trx, item.id, request.robotId);
    if (previous)
      for (const task of await repo.tasksOf(work.trx, previous.id)) if (approves(task)) carried.add(task.approverId);
  }
  await repo.insertApproval(work.trx, {
    id: approvalId,
    itemId: item.id,
    robotId: request.robotId,
    stageEntryId: request.stageEntryId,
    stageCode: item.stageCode,
    mode: request.mode,
    onApprove: request.onApprove,
    onReject: request.onReject,
    state: "pending",
    createdAt: work.at,
    decidedAt: null,
    round,
    reapprove: request.reapprove,
    deadline: request.deadline ?? null,
    documents: JSON.stringify(request.documents.map(boundDocument)),
    sheetSha256: null,
  });
  const dueAt = await dueAtFor(ctx, work, request.deadline ?? null);
  const asked: string[] = [];
  const tasks: repo.TaskRow[] = request.approverIds.map((approverId, position) => {
    const isCarried = carried.has(approverId);
    const ask = !isCarried && (request.mode !== "sequential" || asked.length === 0);
    if (ask) asked.push(approverId);
    return {
      id: newId(new Date(work.at).getTime()),
      approvalId,
      itemId: item.id,
      approverId,
      state: isCarried ? "carried" : ask ? "pending" : "waiting",
      decision: isCarried ? "carried" : null,
      comment: null,
      createdAt: work.at,
      decidedAt: isCarried ? work.at : null,
      decidedBy: null,
      onBehalfOf: null,
      position,
      dueAt: ask ? dueAt : null,
    };
  });
  await repo.insertTasks(work.trx, tasks);
  await notifyUsers(ctx, work, {
    userIds: asked,
    text: (user) => messagesFor(user.locale).approvalRequested(item.title),
    link: itemLink(item.id),
    itemId: item.id,
  });
  if (asked.length === 0) {
    const approval = (await repo.findApproval(work.trx, approvalId))!;
    await finishRound(ctx, work, request.process, item, approval, "approved", null);
  }
  const documents = request.documents.map((d) => ({
    id: d.id,
    number: d.number,
    version: d.version,
    sha256: d.sha256,
  }));
  // The robot's history row says all this: the round, the documents' versions, who was carried and who asked.
  return { approvalId, round, documents, carried: [...carried], asked };
}

/** The stage-entry hook: requests made in the entry the item left are cancelled with it. */
export async function cancelApprovalsOnMove(_ctx: AppContext, work: Work, entered: StageEntered): Promise<void> {
  const cancelled = await repo.cancelPendingOfItem(work.trx, entered.item.id, work.at);
  for (const approvalId of cancelled) await enqueueSheetFreeze(work, approvalId);
}

const enqueueSheetFreeze = (work: Work, approvalId: string) =>
  work.enqueue(freezeSheetJob, { approvalId }, { key: `${freezeSheetJob.kind}:${approvalId}` });

export async function listMyApprovals(
  ctx: AppContext,
  actor: Actor,
  query: { limit: number; cursor?: string; state?: Approval["state"] | "decided" },
): Promise<Page<Approval>> {
  const cursor = decodeCursor(query.cursor);
  // Besides their own, a deputy sees the tasks of everyone they stand in for right now.
  const approverIds = [actor.id, ...(await actingFor(ctx.db, actor.id, nowIso(ctx)))];
  const rows = await repo.listTasksOf(ctx.db, approverIds, { ...query, beforeId: cursor?.id, callerId: actor.id });
  const page = toPage(rows, query.limit, (r) => ({ key: null, id: r.id }));
  return { items: page.items.map((row) => presentTask(row, actor.id)), nextCursor: page.nextCursor };
}

/**
 * Settles a round inside the caller's transaction: open tasks are cancelled, the initiator is told, the sheet is
 * queued to be frozen, and the item moves to `onReject` at once, or to `onApprove` once every approval of the
 * stage entry is approved (a conditional second approval, e.g. the director's, holds the item until it is given).
 */
async function finishRound(
  ctx: AppContext,
  work: Work,
  process: LoadedProcess,
  item: ItemRow,
  approval: repo.ApprovalRow,
  outcome: "approved" | "rejected",
  decider: { name: string; comment: string | null } | null,
): Promise<void> {
  if (!(await repo.settleApproval(work.trx, approval.id, outcome, work.at)))
    throw conflict("This approval round was decided meanwhile", { code: "approval_decided_meanwhile" });
  await repo.cancelOpenTasks(work.trx, approval.id, work.at);
  await enqueueSheetFreeze(work, approval.id);
  const by = decider?.name ?? "—";
  await notifyUsers(ctx, work, {
    userIds: item.initiatorId ? [item.initiatorId] : [],
    text: (user) =>
      outcome === "approved"
        ? messagesFor(user.locale).approvalApproved(item.title, by)
        : messagesFor(user.locale).approvalRejected(item.title, by, decider?.comment ?? ""),
    link: itemLink(item.id),
    itemId: item.id,
  });
  if (outcome === "approved" && (await repo.pendingApprovalsOfEntry(work.trx, approval.stageEntryId)).length > 0)
    return;
  const target = stageOf(process, outcome === "approved" ? approval.onApprove : approval.onReject);
  if (!target || target.code === item.stageCode) return;
  await enterStage(ctx, work, process, item, target, {
    actorId: null,
    robotId: approval.robotId,
    reason: `approval.${outcome}`,
  });
}

/**
 * `POST /api/approvals/:id/decision`: the approver decides their task (a deputy may, for someone away). Rows are
 * decided under the item's lock and only while pending, so two approvers answering an `any` round at the same
 * moment give one outcome: the second finds the round settled and gets 409.
 */
export async function decideApproval(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  body: DecisionBody,
): Promise<Approval> {
  const task = await repo.findTask(ctx.db, taskId);
  if (!task || task.state === "waiting") throw notFound("Approval not found");
  // The approver decides; while they are away, so may whoever stands in for them (recorded as on their behalf).
  const onBehalfOf =
    task.approverId === actor.id
      ? null
      : (await actingPersonFor(ctx.db, task.approverId, nowIso(ctx))) === actor.id
        ? task.approverId
        : undefined;
  if (onBehalfOf === undefined) throw notFound("Approval not found");
  if (task.state !== "pending")
    throw conflict(`This approval is already ${task.state}`, {
      code: "approval_not_pending",
      params: { state: task.state },
    });
  const approval = (await repo.findApproval(ctx.db, task.approvalId))!;
  await requireItemRow(ctx.db, task.itemId);
  await inTransaction(ctx, async (work) => {
    const item = await lockItemInEntry(work.trx, ctx.dialect, approval.itemId, approval.stageEntryId);
    if (!item)
      throw conflict("The item has left the stage where this approval was asked", { code: "approval_item_left" });
    const process = await processOfItem(work.trx, item);
    const approve = body.decision !== "reject";
    const comment = body.comment ?? null;
    const by = { decidedBy: actor.id, onBehalfOf };
    const decided = {
      state: approve ? ("approved" as const) : ("rejected" as const),
      decision: body.decision,
      comment,
    };
    if (!(await repo.decideTask(work.trx, task.id, decided, work.at, by)))
      throw conflict("This approval was decided meanwhile", { code: "approval_decided_meanwhile" });
    const tasks = await repo.tasksOf(work.trx, approval.id);
    const outcome = outcomeOf(approval.mode, tasks);
    await work.audit({
      actorId: actor.id,
      entityType: "item",
      entityId: item.id,
      action: approve ? "approval.approved" : "approval.rejected",
      details: {
        approvalId: approval.id,
        round: approval.round,
        taskId: task.id,
        decision: body.decision,
        comment,
        ...(outcome !== "pending" && { roundOutcome: outcome }),
        ...(onBehalfOf && { onBehalfOf: { id: onBehalfOf } }),
      },
    });
    if (onBehalfOf)
      await notifyUsers(ctx, work, {
        userIds: [onBehalfOf],
        text: (user) => messagesFor(user.locale).decidedForYou(actor.name, approve ? "approve" : "reject", item.title),
        link: itemLink(item.id),
        itemId: item.id,
        deputies: false,
      });
    if (outcome !== "pending") {
      await finishRound(ctx, work, process, item, approval, outcome, { name: actor.name, comment });
      return;
    }
    if (approval.mode === "sequential") await askNext(ctx, work, item, approval, tasks);
  });
  const [row] = await repo.listTasksOf(ctx.db, [task.approverId], { limit: 1, id: task.id });
  return presentTask(row!, actor.id);
}

/** Sequential route: the approver after the one who just approved is asked now (their deadline starts now). */
async function askNext(ctx: AppContext, work: Work, item: ItemRow, approval: repo.ApprovalRow, tasks: repo.TaskRow[]) {
  const next = nextToAsk(tasks);
  if (!next) return;
  await repo.askTask(work.trx, next.id, work.at, await dueAtFor(ctx, work, approval.deadline));
  await notifyUsers(ctx, work, {
    userIds: [next.approverId],
    text: (user) => messagesFor(user.locale).approvalRequested(item.title),
    link: itemLink(item.id),
    itemId: item.id,
  });
}
