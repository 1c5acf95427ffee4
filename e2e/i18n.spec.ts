/** Every visible string is translated: ru.json and en.json hold the same keys, and every t("key") in web/src exists. */
import fs from "node:fs";
import path from "node:path";
import { assert, test } from "./lib/test.js";

test.describe.configure({ mode: "serial" });

const webSrc = path.resolve(import.meta.dirname, "../web/src");
const load = (lang: string) => JSON.parse(fs.readFileSync(path.join(webSrc, "i18n", `${lang}.json`), "utf8"));

function keys(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === "object"
      ? keys(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

// Plural forms differ by language (Russian has one/few/many/other, English one/other): compare the words, not the forms.
const withoutPluralForm = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

test("ru and en have the same keys", async () => {
  const ru = new Set(keys(load("ru")).map(withoutPluralForm));
  const en = new Set(keys(load("en")).map(withoutPluralForm));
  const onlyRu = [...ru].filter((k) => !en.has(k));
  const onlyEn = [...en].filter((k) => !ru.has(k));
  assert(onlyRu.length === 0 && onlyEn.length === 0, `only ru: ${onlyRu.join(", ")}; only en: ${onlyEn.join(", ")}`);
});

test('every literal t("key") used in web/src is translated', async () => {
  // t("a.b", { count }) resolves to a.b_one/a.b_other: a plural word counts under its bare key too.
  const known = new Set(keys(load("en")).flatMap((key) => [key, withoutPluralForm(key)]));
  const missing = new Set<string>();
  for (const file of sourceFiles(webSrc)) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(/\bt\(\s*"([\w.]+)"/g)) {
      if (!known.has(match[1]!)) missing.add(`${match[1]} (${path.relative(webSrc, file)})`);
    }
  }
  assert(missing.size === 0, `missing translations: ${[...missing].join(", ")}`);
});
