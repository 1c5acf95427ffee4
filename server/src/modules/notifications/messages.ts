/** Texts of the notifications the system writes itself (robots' `notify` messages are written by admins). */
const day = (iso: string, timeZone: string, locale: string) =>
  new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", {
    timeZone,
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));

const MESSAGES = {
  ru: {
    approvalRequested: (item: string) => `Требуется ваше согласование: «${item}»`,
    approvalApproved: (item: string, by: string) => `Согласовано: «${item}» (${by})`,
    approvalRejected: (item: string, by: string, comment: string) => `Отклонено: «${item}» (${by}): ${comment}`,
    emailFooter: "Открыть:",
    deputyAssigned: (absent: string, from: string, to: string, tz: string) =>
      `Вы замещаете ${absent} с ${day(from, tz, "ru")} по ${day(to, tz, "ru")}`,
    /** Appended to a copy of a notification that goes to the deputy of an absent person. */
    asDeputy: (absent: string) => ` (вы замещаете: ${absent})`,
    decidedForYou: (deputy: string, decision: "approve" | "reject", item: string) =>
      `${deputy} ${decision === "approve" ? "согласовал(а)" : "отклонил(а)"} за вас: «${item}»`,
    digestSubject: (count: number) => `Docket: непрочитанных уведомлений — ${count}`,
    digestIntro: "Непрочитанные уведомления:",
    commentMentioned: (author: string, title: string, text: string) =>
      `${author} упомянул(а) вас в комментарии к «${title}»: ${text}`,
    commentAdded: (author: string, title: string, text: string) => `${author} — комментарий к «${title}»: ${text}`,
  },
  en: {
    approvalRequested: (item: string) => `Your approval is requested: "${item}"`,
    approvalApproved: (item: string, by: string) => `Approved: "${item}" (${by})`,
    approvalRejected: (item: string, by: string, comment: string) => `Rejected: "${item}" (${by}): ${comment}`,
    emailFooter: "Open:",
    deputyAssigned: (absent: string, from: string, to: string, tz: string) =>
      `You stand in for ${absent} from ${day(from, tz, "en")} to ${day(to, tz, "en")}`,
    asDeputy: (absent: string) => ` (you stand in for ${absent})`,
    decidedForYou: (deputy: string, decision: "approve" | "reject", item: string) =>
      `${deputy} ${decision === "approve" ? "approved" : "rejected"} on your behalf: "${item}"`,
    digestSubject: (count: number) => `Docket: ${count} unread notification${count === 1 ? "" : "s"}`,
    digestIntro: "Unread notifications:",
    commentMentioned: (author: string, title: string, text: string) =>
      `${author} mentioned you in a comment on "${title}": ${text}`,
    commentAdded: (author: string, title: string, text: string) => `${author} commented on "${title}": ${text}`,
  },
} as const;

export type Locale = keyof typeof MESSAGES;
export const messagesFor = (locale: string) => MESSAGES[locale === "en" ? "en" : "ru"];
