/**
 * The configuration a newcomer meets on first start: the mission's document types and the contract approval
 * process, in Russian or English. Codes are the same in both languages, so integrations do not depend on locale.
 */
export interface MissionText {
  types: {
    code: string;
    name: string;
    folder: string;
    numbering: string;
    statuses: { code: string; name: string; color: string; initial?: true; final?: true; automatic?: true }[];
    fields: { key: string; label: string; type: "text" | "money" | "date" | "company" | "user" }[];
  }[];
  process: {
    code: string;
    name: string;
    stages: {
      code: string;
      name: string;
      color: string;
      semantics: "process" | "success" | "failure";
      next?: string[];
    }[];
  };
  messages: { review: string; approve: string; sign: string; reminder: string };
}

const GREY = "#868e96";
const YELLOW = "#f59f00";
const BLUE = "#228be6";
const GREEN = "#2f9e44";
const RED = "#e03131";
const VIOLET = "#7048e8";
const CYAN = "#1098ad";

export const MISSION: Record<"ru" | "en", MissionText> = {
  ru: {
    types: [
      {
        code: "contract",
        name: "Договор",
        folder: "Договоры/{yyyy}",
        numbering: "Д-{yyyy}-{n:4}",
        statuses: [
          { code: "draft", name: "Черновик", color: GREY, initial: true },
          { code: "review", name: "На согласовании", color: YELLOW },
          { code: "approved", name: "Согласован", color: BLUE, automatic: true },
          { code: "signed", name: "Подписан", color: GREEN, final: true, automatic: true },
          { code: "rejected", name: "Отклонён", color: RED, final: true },
        ],
        fields: [
          { key: "amount", label: "Сумма", type: "money" },
          { key: "validUntil", label: "Действует до", type: "date" },
        ],
      },
      {
        code: "order",
        name: "Приказ",
        folder: "Приказы/{yyyy}",
        numbering: "П-{yyyy}-{n:3}",
        statuses: [
          { code: "draft", name: "Проект", color: GREY, initial: true },
          { code: "signing", name: "На подписании", color: YELLOW },
          { code: "signed", name: "Подписан", color: GREEN, final: true },
          { code: "cancelled", name: "Отменён", color: RED, final: true },
        ],
        fields: [{ key: "effectiveFrom", label: "Вступает в силу", type: "date" }],
      },
      {
        code: "act",
        name: "Акт",
        folder: "Акты/{yyyy}/{mm}",
        numbering: "А-{yyyy}-{n:4}",
        statuses: [
          { code: "draft", name: "Черновик", color: GREY, initial: true },
          { code: "sent", name: "Отправлен контрагенту", color: CYAN },
          { code: "signed", name: "Подписан", color: GREEN, final: true },
          { code: "disputed", name: "Оспорен", color: RED, final: true },
        ],
        fields: [{ key: "amount", label: "Сумма", type: "money" }],
      },
      {
        code: "incoming",
        name: "Входящий документ",
        folder: "Входящие/{yyyy}",
        numbering: "ВХ-{yyyy}-{n:5}",
        statuses: [
          { code: "registered", name: "Зарегистрирован", color: BLUE, initial: true },
          { code: "inReview", name: "На рассмотрении", color: YELLOW },
          { code: "done", name: "Исполнен", color: GREEN, final: true },
        ],
        fields: [
          { key: "sender", label: "Отправитель", type: "text" },
          { key: "dueDate", label: "Срок исполнения", type: "date" },
        ],
      },
    ],
    process: {
      code: "contract_approval",
      name: "Согласование договора",
      stages: [
        { code: "new", name: "Новый", color: GREY, semantics: "process", next: ["legal", "rejected"] },
        {
          code: "legal",
          name: "Проверка юристом",
          color: VIOLET,
          semantics: "process",
          next: ["new", "manager", "rejected"],
        },
        {
          code: "manager",
          name: "Согласование с руководителем",
          color: YELLOW,
          semantics: "process",
          next: ["legal", "rejected"],
        },
        { code: "signing", name: "Подписание", color: BLUE, semantics: "process", next: ["done", "rejected"] },
        { code: "done", name: "Подписан и отправлен", color: GREEN, semantics: "success", next: ["new"] },
        { code: "rejected", name: "Отклонён", color: RED, semantics: "failure", next: ["new"] },
      ],
    },
    // {{item.summary}} names the contract: «title», the documents' numbers and the company, as far as known.
    messages: {
      review: "Вам необходимо проверить договор перед согласованием! {{item.summary}}",
      approve: "Вам необходимо согласовать договор {{item.summary}}",
      sign: "Договор {{item.summary}} согласован и ждёт подписания",
      reminder: "Процедура проверки договора длится более 24 часов! {{item.summary}}",
    },
  },
  en: {
    types: [
      {
        code: "contract",
        name: "Contract",
        folder: "Contracts/{yyyy}",
        numbering: "C-{yyyy}-{n:4}",
        statuses: [
          { code: "draft", name: "Draft", color: GREY, initial: true },
          { code: "review", name: "In approval", color: YELLOW },
          { code: "approved", name: "Approved", color: BLUE, automatic: true },
          { code: "signed", name: "Signed", color: GREEN, final: true, automatic: true },
          { code: "rejected", name: "Rejected", color: RED, final: true },
        ],
        fields: [
          { key: "amount", label: "Amount", type: "money" },
          { key: "validUntil", label: "Valid until", type: "date" },
        ],
      },
      {
        code: "order",
        name: "Order",
        folder: "Orders/{yyyy}",
        numbering: "O-{yyyy}-{n:3}",
        statuses: [
          { code: "draft", name: "Draft", color: GREY, initial: true },
          { code: "signing", name: "For signature", color: YELLOW },
          { code: "signed", name: "Signed", color: GREEN, final: true },
          { code: "cancelled", name: "Cancelled", color: RED, final: true },
        ],
        fields: [{ key: "effectiveFrom", label: "Effective from", type: "date" }],
      },
      {
        code: "act",
        name: "Act",
        folder: "Acts/{yyyy}/{mm}",
        numbering: "A-{yyyy}-{n:4}",
        statuses: [
          { code: "draft", name: "Draft", color: GREY, initial: true },
          { code: "sent", name: "Sent to counterparty", color: CYAN },
          { code: "signed", name: "Signed", color: GREEN, final: true },
          { code: "disputed", name: "Disputed", color: RED, final: true },
        ],
        fields: [{ key: "amount", label: "Amount", type: "money" }],
      },
      {
        code: "incoming",
        name: "Incoming document",
        folder: "Incoming/{yyyy}",
        numbering: "IN-{yyyy}-{n:5}",
        statuses: [
          { code: "registered", name: "Registered", color: BLUE, initial: true },
          { code: "inReview", name: "Under review", color: YELLOW },
          { code: "done", name: "Done", color: GREEN, final: true },
        ],
        fields: [
          { key: "sender", label: "Sender", type: "text" },
          { key: "dueDate", label: "Due date", type: "date" },
        ],
      },
    ],
    process: {
      code: "contract_approval",
      name: "Contract approval",
      stages: [
        { code: "new", name: "New", color: GREY, semantics: "process", next: ["legal", "rejected"] },
        {
          code: "legal",
          name: "Legal review",
          color: VIOLET,
          semantics: "process",
          next: ["new", "manager", "rejected"],
        },
        { code: "manager", name: "Manager approval", color: YELLOW, semantics: "process", next: ["legal", "rejected"] },
        { code: "signing", name: "Signing", color: BLUE, semantics: "process", next: ["done", "rejected"] },
        { code: "done", name: "Signed and sent", color: GREEN, semantics: "success", next: ["new"] },
        { code: "rejected", name: "Rejected", color: RED, semantics: "failure", next: ["new"] },
      ],
    },
    messages: {
      review: "Please review the contract before approval! {{item.summary}}",
      approve: "Please approve the contract {{item.summary}}",
      sign: "The contract {{item.summary}} is approved and waits for signature",
      reminder: "The contract review has taken more than 24 hours! {{item.summary}}",
    },
  },
};
