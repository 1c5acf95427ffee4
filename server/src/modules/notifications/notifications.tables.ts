export interface NotificationsTable {
  id: string;
  userId: string;
  at: string;
  text: string;
  link: string | null;
  itemId: string | null;
  readAt: string | null;
  emailedAt: string | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
}
