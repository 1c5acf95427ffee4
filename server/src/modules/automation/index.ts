/** What other modules may use of automation. */
export type { AutomationTables } from "./automation.tables.js";
