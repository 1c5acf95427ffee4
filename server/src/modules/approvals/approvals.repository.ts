import type { Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import type { ApprovalsTable, ApprovalTasksTable } from "./approvals.tables.js";

export type ApprovalRow = Selectable<ApprovalsTable>;
export type TaskRow = Selectable<ApprovalTasksTable>;
type State = TaskRow["state"];

export const insertApproval = (db: Db, row: ApprovalRow) => db.insertInto("approvals").values(row).execute();
export const insertTasks = (db: Db, rows: TaskRow[]) => db.insertInto("approvalTasks").values(rows).execute();

export const findApproval = (db: Db, id: string) =>
  db.selectFrom("approvals").selectAll().where("id", "=", id).executeTakeFirst();

export const findTask = (db: Db, id: string) =>
  db.selectFrom("approvalTasks").selectAll().where("id", "=", id).executeTakeFirst();

/** Decides a task only if it is still pending; false when someone (or a move) settled it first. */
export async function decideTask(
  db: Db,
  id: string,
  state: State,
  comment: string | null,
  at: string,
  by: { decidedBy: string; onBehalfOf: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable("approvalTasks")
    .set({ state, comment, decidedAt: at, ...by })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const tasksOf = (db: Db, approvalId: string) =>
  db.selectFrom("approvalTasks").selectAll().where("approvalId", "=", approvalId).execute();

export const cancelPendingTasks = (db: Db, approvalId: string, at: string) =>
  db
    .updateTable("approvalTasks")
    .set({ state: "cancelled", decidedAt: at })
    .where("approvalId", "=", approvalId)
    .where("state", "=", "pending")
    .execute();

export const settleApproval = (db: Db, id: string, state: State, at: string) =>
  db.updateTable("approvals").set({ state, decidedAt: at }).where("id", "=", id).execute();

export const pendingApprovalsOfEntry = (db: Db, stageEntryId: string) =>
  db
    .selectFrom("approvals")
    .selectAll()
    .where("stageEntryId", "=", stageEntryId)
    .where("state", "=", "pending")
    .execute();

/** When an item leaves a stage entry, what was asked there is no longer asked. */
export async function cancelPendingOfItem(db: Db, itemId: string, at: string): Promise<number> {
  const pending = await db
    .selectFrom("approvals")
    .select("id")
    .where("itemId", "=", itemId)
    .where("state", "=", "pending")
    .execute();
  if (pending.length === 0) return 0;
  const ids = pending.map((p) => p.id);
  await db.updateTable("approvals").set({ state: "cancelled", decidedAt: at }).where("id", "in", ids).execute();
  await db
    .updateTable("approvalTasks")
    .set({ state: "cancelled", decidedAt: at })
    .where("approvalId", "in", ids)
    .where("state", "=", "pending")
    .execute();
  return ids.length;
}

export function listTasksOf(
  db: Db,
  approverIds: string[],
  opts: { state?: State; limit: number; beforeId?: string; id?: string },
) {
  let query = db
    .selectFrom("approvalTasks")
    .innerJoin("approvals", "approvals.id", "approvalTasks.approvalId")
    .innerJoin("processItems", "processItems.id", "approvalTasks.itemId")
    .innerJoin("users as approver", "approver.id", "approvalTasks.approverId")
    .leftJoin("users as decider", "decider.id", "approvalTasks.decidedBy")
    .leftJoin("users as absentee", "absentee.id", "approvalTasks.onBehalfOf")
    .select([
      "approvalTasks.approverId",
      "approver.name as approverName",
      "approvalTasks.decidedBy",
      "decider.name as decidedByName",
      "approvalTasks.onBehalfOf",
      "absentee.name as onBehalfOfName",
      "approvalTasks.id",
      "approvalTasks.itemId",
      "approvalTasks.state",
      "approvalTasks.comment",
      "approvalTasks.createdAt",
      "approvalTasks.decidedAt",
      "approvals.mode",
      "approvals.stageCode",
      "processItems.title",
      "processItems.processId",
    ])
    .where("approvalTasks.approverId", "in", approverIds)
    .orderBy("approvalTasks.id", "desc")
    .limit(opts.limit + 1);
  if (opts.state) query = query.where("approvalTasks.state", "=", opts.state);
  if (opts.beforeId) query = query.where("approvalTasks.id", "<", opts.beforeId);
  if (opts.id) query = query.where("approvalTasks.id", "=", opts.id);
  return query.execute();
}
export type TaskListRow = Awaited<ReturnType<typeof listTasksOf>>[number];
