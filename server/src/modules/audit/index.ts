/** What other modules may use of the audit log (rows are written through the caller's `Work`). */
export { listHistory, type HistoryRow } from "./audit.repository.js";
