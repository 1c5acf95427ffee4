import { z } from "zod";
import type { AppContext } from "../../context.js";
import { enqueueJob } from "../../jobs/queue.js";
import { defineJob } from "../../jobs/definition.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { sendMail } from "./notification-email.job.js";
import { messagesFor } from "./messages.js";

const MAX_PER_DIGEST = 100;

/**
 * Enqueues the next digest run at the start of the next working day's hours. Keyed by that moment, so every process
 * that starts, and every run that reschedules, enqueues the same one job. Nothing to do without SMTP.
 */
export async function scheduleNextDigest(ctx: AppContext): Promise<void> {
  if (!ctx.config.smtpUrl) return;
  const calendar = await loadBusinessCalendar(ctx.db, ctx.config);
  const runAt = calendar.nextWorkdayStart(ctx.clock.now()).toISOString();
  await enqueueJob(ctx.db, digestJob, {}, { runAt, key: `digest:${runAt}` });
}

/**
 * One email per person in "digest" mode with the unread notifications not emailed yet; none when there are none.
 * Each person's notifications are marked emailed after their email went out, so a retry sends only what is left.
 */
async function sendDigests(ctx: AppContext): Promise<void> {
  const smtpUrl = ctx.config.smtpUrl;
  if (smtpUrl) {
    const users = await ctx.db
      .selectFrom("users")
      .select(["id", "name", "email", "locale"])
      .where("emailMode", "=", "digest")
      .where("active", "=", 1)
      .execute();
    const base = ctx.config.publicUrl?.replace(/\/$/, "");
    for (const user of users) {
      const unread = await ctx.db
        .selectFrom("notifications")
        .select(["id", "text", "link", "at"])
        .where("userId", "=", user.id)
        .where("readAt", "is", null)
        .where("emailedAt", "is", null)
        .orderBy("id")
        .limit(MAX_PER_DIGEST)
        .execute();
      if (unread.length === 0 || !user.email) continue;
      const m = messagesFor(user.locale);
      const lines = unread.map((n) => `• ${n.text}${n.link && base ? `\n  ${base}${n.link}` : ""}`);
      await sendMail(smtpUrl, {
        from: ctx.config.smtpFrom,
        to: { name: user.name, address: user.email },
        subject: m.digestSubject(unread.length),
        text: `${m.digestIntro}\n\n${lines.join("\n")}\n`,
      });
      await ctx.db
        .updateTable("notifications")
        .set({ emailedAt: ctx.clock.now().toISOString() })
        .where(
          "id",
          "in",
          unread.map((n) => n.id),
        )
        .execute();
    }
  }
  await scheduleNextDigest(ctx);
}

/** The day's unread notifications in one email per person in "digest" mode; reschedules itself. */
export const digestJob = defineJob({
  kind: "notification.digest",
  payload: z.object({}),
  run: sendDigests,
});
