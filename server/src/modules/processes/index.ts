/** What other modules (automation, approvals) may use of processes. */
export * from "./item-automation.js";
export * from "./item-documents.js";
