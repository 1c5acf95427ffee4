/** A comment on an item or a document (camelCase; the CamelCasePlugin maps them to snake_case columns). */
export interface CommentsTable {
  id: string;
  targetType: CommentTarget["kind"];
  targetId: string;
  authorId: string;
  at: string;
  text: string;
  mentionIds: string; // JSON: string[]
}

export interface CommentTarget {
  kind: "item" | "document";
  id: string;
}

export interface CommentTables {
  comments: CommentsTable;
}
