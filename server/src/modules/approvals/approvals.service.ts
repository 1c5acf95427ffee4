import type { Approval, DecisionBody } from "@docket/common";
import { nowIso, type Actor, type AppContext } from "../../context.js";
import { conflict, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { messagesFor } from "../notifications/index.js";
import { notifyUsers } from "../notifications/index.js";
import { inTransaction, type Work } from "../../db/work.js";
import { actingFor, actingPersonFor } from "../people/index.js";
import {
  enterStage,
  findItemRow,
  lockItemInEntry,
  requireProcess,
  stageOf,
  type ItemRow,
  type StageEntered,
} from "../processes/index.js";
import * as repo from "./approvals.repository.js";

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
    state: row.state,
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
  item: ItemRow;
  robotId: string;
  stageEntryId: string;
  approverIds: string[];
  mode: "any" | "all";
  onApprove: string;
  onReject: string;
}

/** The requestApproval robot, inside its transaction: one task per approver, each approver notified. */
export async function requestApproval(ctx: AppContext, work: Work, request: ApprovalRequest): Promise<string> {
  const approvalId = newId(new Date(work.at).getTime());
  await repo.insertApproval(work.trx, {
    id: approvalId,
    itemId: request.item.id,
    robotId: request.robotId,
    stageEntryId: request.stageEntryId,
    stageCode: request.item.stageCode,
    mode: request.mode,
    onApprove: request.onApprove,
    onReject: request.onReject,
    state: "pending",
    createdAt: work.at,
    decidedAt: null,
  });
  await repo.insertTasks(
    work.trx,
    request.approverIds.map((approverId) => ({
      id: newId(new Date(work.at).getTime()),
      approvalId,
      itemId: request.item.id,
      approverId,
      state: "pending",
      comment: null,
      createdAt: work.at,
      decidedAt: null,
      decidedBy: null,
      onBehalfOf: null,
    })),
  );
  await notifyUsers(ctx, work, {
    userIds: request.approverIds,
    text: (user) => messagesFor(user.locale).approvalRequested(request.item.title),
    link: itemLink(request.item.id),
    itemId: request.item.id,
  });
  return approvalId;
}

/** The stage-entry hook: requests made in the entry the item left are cancelled with it. */
export async function cancelApprovalsOnMove(_ctx: AppContext, work: Work, entered: StageEntered): Promise<void> {
  await repo.cancelPendingOfItem(work.trx, entered.item.id, work.at);
}

export async function listMyApprovals(
  ctx: AppContext,
  actor: Actor,
  query: { limit: number; cursor?: string; state?: Approval["state"] },
): Promise<Page<Approval>> {
  const cursor = decodeCursor(query.cursor);
  // Besides their own, a deputy sees the tasks of everyone they stand in for right now.
  const approverIds = [actor.id, ...(await actingFor(ctx.db, actor.id, nowIso(ctx)))];
  const rows = await repo.listTasksOf(ctx.db, approverIds, { ...query, beforeId: cursor?.id });
  const page = toPage(rows, query.limit, (r) => ({ key: null, id: r.id }));
  return { items: page.items.map((row) => presentTask(row, actor.id)), nextCursor: page.nextCursor };
}

/** The approval's state once this task is decided: still pending until `any` has one answer or `all` has all. */
function outcomeOf(approval: repo.ApprovalRow, tasks: repo.TaskRow[]): "pending" | "approved" | "rejected" {
  if (tasks.some((t) => t.state === "rejected")) return "rejected";
  const approved = tasks.filter((t) => t.state === "approved").length;
  if (approval.mode === "any") return approved > 0 ? "approved" : "pending";
  return tasks.every((t) => t.state === "approved") ? "approved" : "pending";
}

/**
 * `POST /api/approvals/:id/decision`: the approver decides their task. When the approval is settled the initiator
 * is told, and the item moves to `onReject` at once, or to `onApprove` once every approval of the stage entry is
 * approved (a conditional second approval, e.g. the director's, holds the item until it is given too).
 */
export async function decideApproval(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  body: DecisionBody,
): Promise<Approval> {
  const task = await repo.findTask(ctx.db, taskId);
  if (!task) throw notFound("Approval not found");
  // The approver decides; while they are away, so may whoever stands in for them (recorded as on their behalf).
  const onBehalfOf =
    task.approverId === actor.id
      ? null
      : (await actingPersonFor(ctx.db, task.approverId, nowIso(ctx))) === actor.id
        ? task.approverId
        : undefined;
  if (onBehalfOf === undefined) throw notFound("Approval not found");
  if (task.state !== "pending") throw conflict(`This approval is already ${task.state}`);
  const approval = (await repo.findApproval(ctx.db, task.approvalId))!;
  const itemRow = await findItemRow(ctx.db, task.itemId);
  if (!itemRow) throw notFound("Item not found");
  const process = await requireProcess(ctx.db, itemRow.processId);
  await inTransaction(ctx, async (work) => {
    const item = await lockItemInEntry(work.trx, approval.itemId, approval.stageEntryId);
    if (!item) throw conflict("The item has left the stage where this approval was asked");
    const approve = body.decision === "approve";
    const by = { decidedBy: actor.id, onBehalfOf };
    if (
      !(await repo.decideTask(work.trx, task.id, approve ? "approved" : "rejected", body.comment ?? null, work.at, by))
    )
      throw conflict("This approval was decided meanwhile");
    await work.audit({
      actorId: actor.id,
      entityType: "item",
      entityId: item.id,
      action: approve ? "approval.approved" : "approval.rejected",
      details: {
        approvalId: approval.id,
        taskId: task.id,
        comment: body.comment ?? null,
        ...(onBehalfOf && { onBehalfOf: { id: onBehalfOf } }),
      },
    });
    if (onBehalfOf)
      await notifyUsers(ctx, work, {
        userIds: [onBehalfOf],
        text: (user) => messagesFor(user.locale).decidedForYou(actor.name, body.decision, item.title),
        link: itemLink(item.id),
        itemId: item.id,
        deputies: false,
      });
    const outcome = outcomeOf(approval, await repo.tasksOf(work.trx, approval.id));
    if (outcome === "pending") return;
    await repo.settleApproval(work.trx, approval.id, outcome, work.at);
    await repo.cancelPendingTasks(work.trx, approval.id, work.at);
    await notifyUsers(ctx, work, {
      userIds: [item.initiatorId],
      text: (user) =>
        outcome === "approved"
          ? messagesFor(user.locale).approvalApproved(item.title, actor.name)
          : messagesFor(user.locale).approvalRejected(item.title, actor.name, body.comment ?? ""),
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
  });
  const [row] = await repo.listTasksOf(ctx.db, [task.approverId], { limit: 1, id: task.id });
  return presentTask(row!, actor.id);
}
