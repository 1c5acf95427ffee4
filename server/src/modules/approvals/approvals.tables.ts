/** One approval per requestApproval robot run; its tasks are the approvers' decisions. */
export interface ApprovalsTable {
  id: string;
  itemId: string;
  robotId: string;
  stageEntryId: string;
  stageCode: string;
  mode: "any" | "all" | "sequential";
  onApprove: string;
  onReject: string;
  state: "pending" | "approved" | "rejected" | "cancelled";
  createdAt: string;
  decidedAt: string | null;
  /** 1, 2, … per item: each run of a requestApproval robot is a round. */
  round: number;
  reapprove: "all" | "notApproved";
  /** ISO duration in working time from when a task is asked; null = no deadline. */
  deadline: string | null;
  /** JSON RoundDocument[]: every linked document's version when the round started. */
  documents: string;
  /** The frozen approval sheet of a finished round (a blob). */
  sheetSha256: string | null;
}

export interface ApprovalTasksTable {
  id: string;
  approvalId: string;
  itemId: string;
  approverId: string;
  /** waiting = a later approver of a sequential route, not asked yet; carried = approved in the previous round. */
  state: "waiting" | "pending" | "approved" | "rejected" | "cancelled" | "carried";
  comment: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** Who decided: the approver, or their deputy while they are away. */
  decidedBy: string | null;
  /** Set when a deputy decided: the absent approver. */
  onBehalfOf: string | null;
  /** The order of a sequential route. */
  position: number;
  decision: "approve" | "approveWithRemarks" | "reject" | "carried" | null;
  dueAt: string | null;
}

export interface ApprovalTables {
  approvals: ApprovalsTable;
  approvalTasks: ApprovalTasksTable;
}
