import fs from "node:fs";
import path from "node:path";

export type Language = "ru" | "en";
const dictionaries = Object.fromEntries(
  (["ru", "en"] as const).map((language) => [
    language,
    JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../web/src/i18n/${language}.json`), "utf8")),
  ]),
) as Record<Language, Record<string, unknown>>;

/** The interface's own string for a key, so one step drives both languages. */
export function tr(language: Language, key: string): string {
  const value = key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], dictionaries[language]);
  if (typeof value !== "string") throw new Error(`no ${language} string for ${key}`);
  return value;
}
