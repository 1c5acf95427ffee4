/** What other modules may use of automation. */
export type { AutomationTables } from "./automation.tables.js";
export { webhookSecret } from "./webhook-secret.js";
export { robotJob, webhookJob } from "./automation.jobs.js";
