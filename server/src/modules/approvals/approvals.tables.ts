/** One approval per requestApproval robot run; its tasks are the approvers' decisions. */
export interface ApprovalsTable {
  id: string;
  itemId: string;
  robotId: string;
  stageEntryId: string;
  stageCode: string;
  mode: "any" | "all";
  onApprove: string;
  onReject: string;
  state: "pending" | "approved" | "rejected" | "cancelled";
  createdAt: string;
  decidedAt: string | null;
}

export interface ApprovalTasksTable {
  id: string;
  approvalId: string;
  itemId: string;
  approverId: string;
  state: "pending" | "approved" | "rejected" | "cancelled";
  comment: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** Who decided: the approver, or their deputy while they are away. */
  decidedBy: string | null;
  /** Set when a deputy decided: the absent approver. */
  onBehalfOf: string | null;
}

export interface ApprovalTables {
  approvals: ApprovalsTable;
  approvalTasks: ApprovalTasksTable;
}
