/** What other modules may use of approvals. */
export { cancelApprovalsOnMove, itemLink, requestApproval, type ApprovalRequest } from "./approvals.service.js";
export { attachApprovalSheet, freezeSheetJob } from "./approval-sheet.js";
export type { ApprovalTables } from "./approvals.tables.js";
