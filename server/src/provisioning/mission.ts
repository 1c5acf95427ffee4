import en from "./mission.en.json";
import ru from "./mission.ru.json";

/**
 * The configuration a newcomer meets on first start: the mission's document types and the contract approval
 * process, in Russian or English. The shape (codes, colours, flags, transitions) is written once below; each
 * language only names it, in mission.<locale>.json. Codes are the same in both languages, so integrations do not depend on locale.
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
  /** {{item.summary}} names the contract: «title», the documents' numbers and the company, as far as known. */
  messages: { review: string; approve: string; sign: string; reminder: string };
}

const GREY = "#868e96";
const YELLOW = "#f59f00";
const BLUE = "#228be6";
const GREEN = "#2f9e44";
const RED = "#e03131";
const VIOLET = "#7048e8";
const CYAN = "#1098ad";

type Status = Omit<MissionText["types"][number]["statuses"][number], "name">;
type Field = Omit<MissionText["types"][number]["fields"][number], "label">;
type Stage = Omit<MissionText["process"]["stages"][number], "name">;

interface MissionShape {
  types: Record<string, { statuses: Status[]; fields: Field[] }>;
  process: { code: string; stages: Stage[] };
}
/** Keeps the codes as literal types, so that MissionWords can require a word for each. */
const shape = <const T extends MissionShape>(mission: T): T => mission;

/** What does not depend on the language. Numbering stays with each language, beside its own prefix. */
const SHAPE = shape({
  types: {
    contract: {
      statuses: [
        { code: "draft", color: GREY, initial: true },
        { code: "review", color: YELLOW },
        { code: "approved", color: BLUE, automatic: true },
        { code: "signed", color: GREEN, final: true, automatic: true },
        { code: "rejected", color: RED, final: true },
      ],
      fields: [
        { key: "amount", type: "money" },
        { key: "validUntil", type: "date" },
      ],
    },
    order: {
      statuses: [
        { code: "draft", color: GREY, initial: true },
        { code: "signing", color: YELLOW },
        { code: "signed", color: GREEN, final: true },
        { code: "cancelled", color: RED, final: true },
      ],
      fields: [{ key: "effectiveFrom", type: "date" }],
    },
    act: {
      statuses: [
        { code: "draft", color: GREY, initial: true },
        { code: "sent", color: CYAN },
        { code: "signed", color: GREEN, final: true },
        { code: "disputed", color: RED, final: true },
      ],
      fields: [{ key: "amount", type: "money" }],
    },
    incoming: {
      statuses: [
        { code: "registered", color: BLUE, initial: true },
        { code: "inReview", color: YELLOW },
        { code: "done", color: GREEN, final: true },
      ],
      fields: [
        { key: "sender", type: "text" },
        { key: "dueDate", type: "date" },
      ],
    },
  },
  process: {
    code: "contract_approval",
    stages: [
      { code: "new", color: GREY, semantics: "process", next: ["legal", "rejected"] },
      { code: "legal", color: VIOLET, semantics: "process", next: ["new", "manager", "rejected"] },
      { code: "manager", color: YELLOW, semantics: "process", next: ["legal", "rejected"] },
      { code: "signing", color: BLUE, semantics: "process", next: ["done", "rejected"] },
      { code: "done", color: GREEN, semantics: "success", next: ["new"] },
      { code: "rejected", color: RED, semantics: "failure", next: ["new"] },
    ],
  },
});

type Shape = typeof SHAPE;
type TypeCode = keyof Shape["types"];
type Names<T extends readonly { code: string }[]> = Record<T[number]["code"], string>;

/** A language's words for SHAPE: every code must be named, and the compiler says which one is missing. */
interface MissionWords {
  types: {
    [C in TypeCode]: {
      name: string;
      folder: string;
      numbering: string;
      statuses: Names<Shape["types"][C]["statuses"]>;
      fields: Record<Shape["types"][C]["fields"][number]["key"], string>;
    };
  };
  process: { name: string; stages: Names<Shape["process"]["stages"]> };
  messages: MissionText["messages"];
}

/** The word for a code; MissionWords has made the compiler check that there is one for every code. */
const word = (words: Record<string, string>, code: string): string => words[code] ?? code;

function inLanguage(words: MissionWords): MissionText {
  return {
    types: (Object.keys(SHAPE.types) as TypeCode[]).map((code) => {
      const { statuses: statusShapes, fields: fieldShapes }: { statuses: Status[]; fields: Field[] } =
        SHAPE.types[code];
      const { statuses, fields, ...type } = words.types[code];
      return {
        code,
        ...type,
        statuses: statusShapes.map((status) => ({ ...status, name: word(statuses, status.code) })),
        fields: fieldShapes.map((field) => ({ ...field, label: word(fields, field.key) })),
      };
    }),
    process: {
      code: SHAPE.process.code,
      name: words.process.name,
      stages: SHAPE.process.stages.map((stage: Stage) => ({ ...stage, name: word(words.process.stages, stage.code) })),
    },
    messages: words.messages,
  };
}

/** Each language's words live beside this file, one JSON file a language, like the web's i18n/*.json. */
export const MISSION: Record<"ru" | "en", MissionText> = {
  ru: inLanguage(ru),
  en: inLanguage(en),
};
