/** What other modules may use of comments. */
export type { CommentTables } from "./comments.tables.js";
