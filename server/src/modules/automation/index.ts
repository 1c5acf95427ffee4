/** What other modules may use of automation. */
export type { AutomationTables } from "./automation.tables.js";
export { webhookSecret } from "./webhook-secret.js";
export { robotJob, webhookJob } from "./automation.jobs.js";
/** Hooks the composition root wires into processes and templates. */
export { scheduleRobots } from "./robot-schedule.js";
export { robotStageRemoval, robotsUsingTemplate, versionRobots } from "./robots.service.js";
