import type { Transporter } from "nodemailer";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { toBool } from "../../db/dialect.js";
import { defineJob } from "../../jobs/definition.js";
import { messagesFor } from "./messages.js";
import * as repo from "./notifications.repository.js";

const transports = new Map<string, Transporter>();

/** nodemailer is loaded by the first email, not at start. */
async function transportFor(url: string): Promise<Transporter> {
  const { default: nodemailer } = await import("nodemailer");
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({
      url,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    transports.set(url, transport);
  }
  return transport;
}

/** Sends one email through the transport of that SMTP URL (one pooled transport per URL). */
export async function sendMail(smtpUrl: string, mail: Parameters<Transporter["sendMail"]>[0]): Promise<void> {
  await (await transportFor(smtpUrl)).sendMail(mail);
}

const subjectOf = (text: string) => {
  const line = text.split("\n")[0]?.trim() ?? "";
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

/**
 * Sends one notification by email. A failure throws, so the worker retries with backoff; `emailedAt` makes a
 * retry after a crash between "sent" and "job done" skip the second send in all but that narrow window.
 */
async function sendNotificationEmail(ctx: AppContext, payload: { notificationId: string }): Promise<void> {
  const { smtpUrl } = ctx.config;
  if (!smtpUrl) return;
  const notification = await repo.findNotification(ctx.db, payload.notificationId);
  if (!notification || notification.emailedAt) return;
  const [user] = await repo.findRecipients(ctx.db, [notification.userId]);
  if (!user?.email || !toBool(user.active) || user.emailMode !== "each") return;
  const base = ctx.config.publicUrl?.replace(/\/$/, "");
  const link =
    notification.link && base ? `\n\n${messagesFor(user.locale).emailFooter} ${base}${notification.link}` : "";
  await (
    await transportFor(smtpUrl)
  ).sendMail({
    from: ctx.config.smtpFrom,
    to: { name: user.name, address: user.email },
    subject: subjectOf(notification.text),
    text: `${notification.text}${link}\n`,
  });
  await repo.markEmailed(ctx.db, notification.id, ctx.clock.now().toISOString());
}

/** One notification by email, for a person who gets each one as it comes (notifyUsers enqueues it). */
export const emailJob = defineJob({
  kind: "notification.email",
  payload: z.object({ notificationId: z.string() }),
  run: sendNotificationEmail,
});
