/** What other modules may use of approvals. */
export {
  cancelApprovalsOnMove,
  itemLink,
  requestApproval,
  FREEZE_SHEET_JOB,
  type ApprovalRequest,
} from "./approvals.service.js";
export { attachApprovalSheet, freezeSheetJob } from "./approval-sheet.js";
export type { ApprovalTables } from "./approvals.tables.js";
