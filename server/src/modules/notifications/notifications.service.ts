import type { Notification, Role } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { toBool } from "../../db/dialect.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, toPage, type Page } from "../../lib/pagination.js";
import { absentAmong, actingPersonFor } from "../people/index.js";
import { messagesFor } from "./messages.js";
import { emailJob } from "./notification-email.job.js";
import { notificationBus } from "./notification-bus.js";
import * as repo from "./notifications.repository.js";
import type { Db } from "../../db/database.js";
import type { Work } from "../../db/work.js";

const MAX_TEXT = 2000;

export interface NewNotification {
  /** Recipients; duplicates and unknown or inactive users are dropped. */
  userIds: (string | null | undefined)[];
  /**
   * The text per recipient (deputies included), so each reads it in their own language and it quotes only what
   * they may open.
   */
  text: string | ((recipient: Recipient) => string | Promise<string>);
  link?: string | null;
  itemId?: string | null;
  /** The document it is about, when it is about a document rather than an item. */
  documentId?: string | null;
  /** false: no copy to the deputies of absent recipients (e.g. telling someone what their deputy did). */
  deputies?: boolean;
}

/** Who a notification is written for. */
export interface Recipient {
  id: string;
  name: string;
  role: Role;
  locale: string;
}

/** Notifications as the API shows them, each with the item or document it is about (a document wins). */
export async function presentNotifications(db: Db, rows: repo.NotificationRow[]): Promise<Notification[]> {
  const subjects = await repo.findSubjects(
    db,
    rows.flatMap((r) => (r.itemId ? [r.itemId] : [])),
    rows.flatMap((r) => (r.documentId ? [r.documentId] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    text: row.text,
    link: row.link,
    read: row.readAt !== null,
    subject: subjects.get(row.documentId ?? row.itemId ?? "") ?? null,
  }));
}

/**
 * Stores in-app notifications inside the caller's transaction, enqueues their emails (a job with retries, never
 * inside the request) and pushes them to live clients once the transaction has committed.
 */
export async function notifyUsers(ctx: AppContext, work: Work, input: NewNotification): Promise<string[]> {
  const ids = [...new Set(input.userIds.filter((id): id is string => typeof id === "string" && id !== ""))];
  const recipients = (await repo.findRecipients(work.trx, ids)).filter((u) => toBool(u.active));
  const textFor = async (user: Recipient) => (typeof input.text === "string" ? input.text : input.text(user));
  const messages: { user: (typeof recipients)[number]; text: string }[] = [];
  for (const user of recipients) messages.push({ user, text: await textFor(user) });
  // While someone is away their notifications also go to whoever stands in for them, marked as such.
  const absentees =
    input.deputies === false
      ? []
      : await absentAmong(
          work.trx,
          recipients.map((u) => u.id),
          work.at,
        );
  for (const absent of absentees) {
    const actingId = await actingPersonFor(work.trx, absent, work.at);
    if (ids.includes(actingId) || messages.some((m) => m.user.id === actingId)) continue;
    const [deputy] = (await repo.findRecipients(work.trx, [actingId])).filter((u) => toBool(u.active));
    const original = recipients.find((u) => u.id === absent)!;
    if (deputy)
      messages.push({
        user: deputy,
        text: (await textFor(deputy)) + messagesFor(deputy.locale).asDeputy(original.name),
      });
  }
  const rows: repo.NotificationRow[] = messages.map(({ user, text }) => ({
    id: newId(new Date(work.at).getTime()),
    userId: user.id,
    at: work.at,
    text: text.slice(0, MAX_TEXT),
    link: input.link ?? null,
    itemId: input.itemId ?? null,
    documentId: input.documentId ?? null,
    readAt: null,
    emailedAt: null,
  }));
  await repo.insertNotifications(work.trx, rows);
  if (ctx.config.smtpUrl) {
    for (const [i, row] of rows.entries()) {
      const user = messages[i]!.user;
      // "digest" users get the day's unread notifications in one email from the digest job instead.
      if (!user.email || user.emailMode !== "each") continue;
      await work.enqueue(emailJob, { notificationId: row.id }, { key: `email:${row.id}` });
    }
  }
  work.afterCommit(async () => {
    const presented = await presentNotifications(ctx.db, rows);
    await notificationBus(ctx).publish(rows.map((row, i) => ({ userId: row.userId, notification: presented[i]! })));
  });
  return rows.map((r) => r.userId);
}

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  query: { limit: number; cursor?: string; unread?: boolean },
): Promise<Page<Notification>> {
  const cursor = decodeCursor(query.cursor);
  const rows = await repo.listNotifications(ctx.db, {
    userId: actor.id,
    unread: query.unread,
    limit: query.limit,
    beforeId: cursor?.id,
  });
  const page = toPage(rows, query.limit, (r) => ({ key: null, id: r.id }));
  return { items: await presentNotifications(ctx.db, page.items), nextCursor: page.nextCursor };
}

export async function markNotificationsRead(
  ctx: AppContext,
  actor: Actor,
  input: { ids?: string[]; all?: boolean },
): Promise<{ updated: number }> {
  const at = ctx.clock.now().toISOString();
  const updated = await repo.markRead(ctx.db, actor.id, input.all ? "all" : (input.ids ?? []), at);
  return { updated };
}

export async function countUnreadNotifications(ctx: AppContext, actor: Actor): Promise<{ count: number }> {
  return { count: await repo.countUnread(ctx.db, actor.id) };
}
