import { z } from "zod";
import { idSchema, isoTimestamp, listQuery } from "./common.js";

export const notificationSchema = z.object({
  id: z.string(),
  at: isoTimestamp,
  text: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
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
