export * from "./common.js";
export * from "./inn.js";
export * from "./users.js";
export * from "./crm.js";
export * from "./documents.js";
