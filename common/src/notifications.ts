import { z } from "zod";
import { idSchema, isoTimestamp, listQuery } from "./common.js";

/**
 * What a notification is about: the item or document it was written for, with what names it in a list (title,
 * number, company, and the process or document type it belongs to). The bell groups notifications by it.
 */
export const notificationSubjectSchema = z.object({
  kind: z.enum(["item", "document"]),
  id: z.string(),
  title: z.string(),
  number: z.string().nullable(),
  company: z.string().nullable(),
  /** The process (items) or document type (documents) name. */
  kindName: z.string().nullable(),
});
export type NotificationSubject = z.infer<typeof notificationSubjectSchema>;

export const notificationSchema = z.object({
  id: z.string(),
  at: isoTimestamp,
  text: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  /** null for notifications about nothing in particular (e.g. "you stand in for …"). */
  subject: notificationSubjectSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const listNotificationsQuery = listQuery.extend({
  unread: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export const markNotificationsReadBody = z
  .object({ ids: z.array(idSchema).max(500).optional(), all: z.boolean().optional() })
  .strict()
  .refine((b) => b.all === true || (b.ids !== undefined && b.ids.length > 0), { message: "Give ids or all: true" });
export const unreadCountSchema = z.object({ count: z.number() });
