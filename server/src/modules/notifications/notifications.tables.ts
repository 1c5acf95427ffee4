export interface NotificationsTable {
  id: string;
  userId: string;
  at: string;
  text: string;
  link: string | null;
  itemId: string | null;
  /** The document it is about (a comment on a document); null when it is about an item or nothing. */
  documentId: string | null;
  readAt: string | null;
  emailedAt: string | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
}
