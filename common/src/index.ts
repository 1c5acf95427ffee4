export * from "./common.js";
export * from "./inn.js";
export * from "./users.js";
export * from "./crm.js";
export * from "./documents.js";
export * from "./duration.js";
export * from "./processes.js";
export * from "./notifications.js";
