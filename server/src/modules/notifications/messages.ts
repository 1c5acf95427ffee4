/** Texts of the notifications the system writes itself (robots' `notify` messages are written by admins). */
const MESSAGES = {
  ru: {
    approvalRequested: (item: string) => `Требуется ваше согласование: «${item}»`,
    approvalApproved: (item: string, by: string) => `Согласовано: «${item}» (${by})`,
    approvalRejected: (item: string, by: string, comment: string) => `Отклонено: «${item}» (${by}): ${comment}`,
    emailFooter: "Открыть:",
  },
  en: {
    approvalRequested: (item: string) => `Your approval is requested: "${item}"`,
    approvalApproved: (item: string, by: string) => `Approved: "${item}" (${by})`,
    approvalRejected: (item: string, by: string, comment: string) => `Rejected: "${item}" (${by}): ${comment}`,
    emailFooter: "Open:",
  },
} as const;

export type Locale = keyof typeof MESSAGES;
export const messagesFor = (locale: string) => MESSAGES[locale === "en" ? "en" : "ru"];
