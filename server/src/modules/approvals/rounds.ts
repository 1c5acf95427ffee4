import type { RoundDocument } from "@docket/common";
import type { ApprovalRow, TaskRow } from "./approvals.repository.js";

/** A task that counts as approval: approved (with or without remarks), or carried over from the previous round. */
export const approves = (task: Pick<TaskRow, "state">) => task.state === "approved" || task.state === "carried";

/**
 * The round's state once a task is decided: rejected by any rejection; for `any` approved by one approval;
 * for `all` and `sequential` approved when every task approves. Otherwise still pending.
 */
export function outcomeOf(
  mode: ApprovalRow["mode"],
  tasks: Pick<TaskRow, "state">[],
): "pending" | "approved" | "rejected" {
  if (tasks.some((t) => t.state === "rejected")) return "rejected";
  if (mode === "any") return tasks.some(approves) ? "approved" : "pending";
  return tasks.length > 0 && tasks.every(approves) ? "approved" : "pending";
}

/** The next approver of a sequential route, once everyone before them has approved. */
export function nextToAsk(tasks: TaskRow[]): TaskRow | undefined {
  for (const task of tasks) {
    if (task.state === "waiting") return task;
    if (!approves(task)) return undefined;
  }
  return undefined;
}

export const roundDocuments = (approval: Pick<ApprovalRow, "documents">) =>
  JSON.parse(approval.documents) as RoundDocument[];
