import type { Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import type { ApprovalsTable, ApprovalTasksTable } from "./approvals.tables.js";

export type ApprovalRow = Selectable<ApprovalsTable>;
export type TaskRow = Selectable<ApprovalTasksTable>;
type State = TaskRow["state"];
type Decision = TaskRow["decision"];

/** Tasks still open: asked (pending) or not yet asked (waiting, in a sequential route). */
const OPEN: State[] = ["pending", "waiting"];

export const insertApproval = (db: Db, row: ApprovalRow) => db.insertInto("approvals").values(row).execute();
export const insertTasks = (db: Db, rows: TaskRow[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto("approvalTasks").values(rows).execute();

export const findApproval = (db: Db, id: string) =>
  db.selectFrom("approvals").selectAll().where("id", "=", id).executeTakeFirst();

export const findTask = (db: Db, id: string) =>
  db.selectFrom("approvalTasks").selectAll().where("id", "=", id).executeTakeFirst();

export async function lastRoundOf(db: Db, itemId: string): Promise<number> {
  const row = await db
    .selectFrom("approvals")
    .select((eb) => eb.fn.max("round").as("top"))
    .where("itemId", "=", itemId)
    .executeTakeFirst();
  return Number(row?.top ?? 0);
}

/** The latest earlier round the same robot asked for this item (what `reapprove: notApproved` looks back at). */
export const previousRoundOfRobot = (db: Db, itemId: string, robotId: string) =>
  db
    .selectFrom("approvals")
    .selectAll()
    .where("itemId", "=", itemId)
    .where("robotId", "=", robotId)
    .orderBy("round", "desc")
    .limit(1)
    .executeTakeFirst();

/** Decides a task only if it is still pending; false when someone (or a move) settled it first. */
export async function decideTask(
  db: Db,
  id: string,
  decision: { state: State; decision: Decision; comment: string | null },
  at: string,
  by: { decidedBy: string; onBehalfOf: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable("approvalTasks")
    .set({ ...decision, decidedAt: at, ...by })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const tasksOf = (db: Db, approvalId: string) =>
  db
    .selectFrom("approvalTasks")
    .selectAll()
    .where("approvalId", "=", approvalId)
    .orderBy("position")
    .orderBy("id")
    .execute();

/** Asks a waiting task of a sequential route: from now on it is pending, due at `dueAt`. */
export const askTask = (db: Db, id: string, at: string, dueAt: string | null) =>
  db
    .updateTable("approvalTasks")
    .set({ state: "pending", createdAt: at, dueAt })
    .where("id", "=", id)
    .where("state", "=", "waiting")
    .execute();

export const cancelOpenTasks = (db: Db, approvalId: string, at: string) =>
  db
    .updateTable("approvalTasks")
    .set({ state: "cancelled", decidedAt: at })
    .where("approvalId", "=", approvalId)
    .where("state", "in", OPEN)
    .execute();

/** Settles a pending approval; false when it was settled first (the caller's decision lost the race). */
export async function settleApproval(db: Db, id: string, state: ApprovalRow["state"], at: string): Promise<boolean> {
  const result = await db
    .updateTable("approvals")
    .set({ state, decidedAt: at })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const pendingApprovalsOfEntry = (db: Db, stageEntryId: string) =>
  db
    .selectFrom("approvals")
    .selectAll()
    .where("stageEntryId", "=", stageEntryId)
    .where("state", "=", "pending")
    .execute();

/** When an item leaves a stage entry, what was asked there is no longer asked. */
export async function cancelPendingOfItem(db: Db, itemId: string, at: string): Promise<string[]> {
  const pending = await db
    .selectFrom("approvals")
    .select("id")
    .where("itemId", "=", itemId)
    .where("state", "=", "pending")
    .execute();
  if (pending.length === 0) return [];
  const ids = pending.map((p) => p.id);
  await db.updateTable("approvals").set({ state: "cancelled", decidedAt: at }).where("id", "in", ids).execute();
  await db
    .updateTable("approvalTasks")
    .set({ state: "cancelled", decidedAt: at })
    .where("approvalId", "in", ids)
    .where("state", "in", OPEN)
    .execute();
  return ids;
}

/** Freezes a finished round's sheet once; false when another request froze it first. */
export async function setSheet(db: Db, approvalId: string, sha256: string): Promise<boolean> {
  const result = await db
    .updateTable("approvals")
    .set({ sheetSha256: sha256 })
    .where("id", "=", approvalId)
    .where("sheetSha256", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const roundsOfItem = (db: Db, itemId: string) =>
  db.selectFrom("approvals").selectAll().where("itemId", "=", itemId).orderBy("round").orderBy("id").execute();

/** The tasks of the given approvals with the names of approver, decider and the absent approver decided for. */
export const namedTasksOf = (db: Db, approvalIds: string[]) =>
  approvalIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("approvalTasks")
        .innerJoin("users as approver", "approver.id", "approvalTasks.approverId")
        .leftJoin("users as decider", "decider.id", "approvalTasks.decidedBy")
        .leftJoin("users as absentee", "absentee.id", "approvalTasks.onBehalfOf")
        .selectAll("approvalTasks")
        .select(["approver.name as approverName", "decider.name as decidedByName", "absentee.name as onBehalfOfName"])
        .where("approvalTasks.approvalId", "in", approvalIds)
        .orderBy("approvalTasks.position")
        .orderBy("approvalTasks.id")
        .execute();
export type NamedTaskRow = Awaited<ReturnType<typeof namedTasksOf>>[number];

export function listTasksOf(
  db: Db,
  approverIds: string[],
  opts: { state?: State | "decided"; limit: number; beforeId?: string; id?: string; callerId?: string },
) {
  let query = db
    .selectFrom("approvalTasks")
    .innerJoin("approvals", "approvals.id", "approvalTasks.approvalId")
    .innerJoin("processItems", "processItems.id", "approvalTasks.itemId")
    .leftJoin("companies", "companies.id", "processItems.companyId")
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
      "approvalTasks.decision",
      "approvalTasks.comment",
      "approvalTasks.createdAt",
      "approvalTasks.decidedAt",
      "approvalTasks.dueAt",
      "approvals.mode",
      "approvals.round",
      "approvals.documents",
      "approvals.stageCode",
      "processItems.title",
      "processItems.processId",
      "processItems.companyId",
      "companies.name as companyName",
    ])
    // A later approver of a sequential route is not asked yet: the task is not theirs to see until it is.
    .where("approvalTasks.state", "!=", "waiting")
    .orderBy("approvalTasks.id", "desc")
    .limit(opts.limit + 1);
  if (opts.state === "decided") {
    // Decided by the caller: as the approver, or as a deputy for someone away.
    const callerId = opts.callerId ?? approverIds[0]!;
    query = query
      .where("approvalTasks.state", "in", ["approved", "rejected"])
      .where((eb) =>
        eb.or([
          eb("approvalTasks.decidedBy", "=", callerId),
          eb.and([eb("approvalTasks.decidedBy", "is", null), eb("approvalTasks.approverId", "=", callerId)]),
        ]),
      );
  } else {
    query = query.where("approvalTasks.approverId", "in", approverIds);
    if (opts.state) query = query.where("approvalTasks.state", "=", opts.state);
  }
  if (opts.beforeId) query = query.where("approvalTasks.id", "<", opts.beforeId);
  if (opts.id) query = query.where("approvalTasks.id", "=", opts.id);
  return query.execute();
}
export type TaskListRow = Awaited<ReturnType<typeof listTasksOf>>[number];
