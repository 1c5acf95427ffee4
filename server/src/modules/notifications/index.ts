/** What other modules may use of notifications. */
export { notificationBus, type Revocation } from "./notification-bus.js";
export { messagesFor } from "./messages.js";
export { notifyUsers, type NewNotification } from "./notifications.service.js";
export type { NotificationTables } from "./notifications.tables.js";
export { emailJob } from "./notification-email.job.js";
export { digestJob, scheduleNextDigest } from "./digest.job.js";
