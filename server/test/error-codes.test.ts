/**
 * Every refusal the server can send is worded in the web UI in both languages (issue 20: no English server message in
 * the Russian UI), and every history action has a title: a new code or action without its texts fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, REASON_CODES } from "../src/lib/errors.js";

const root = path.resolve(import.meta.dirname, "../..");
const languages = ["ru", "en"].map((lang) => ({
  lang,
  texts: JSON.parse(fs.readFileSync(path.join(root, "web/src/i18n", `${lang}.json`), "utf8")) as Record<string, any>,
}));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [fs.readFileSync(full, "utf8")] : [];
  });
}
const server = sources(path.join(root, "server/src"));
const found = (pattern: RegExp) => [
  ...new Set(server.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1]!))),
];

describe("the UI words what the server says", () => {
  const codes = [
    ...ERROR_CODES,
    ...REASON_CODES,
    // Written straight into a problem body, not through AppError.
    ...found(/sendProblem\([^,]+,\s*\d+,\s*"([a-z_]+)"/g),
  ];

  it("finds the codes it checks", () => {
    expect(codes).toEqual(expect.arrayContaining(["conflict", "item_closed", "not_ready", "validation_failed"]));
  });

  for (const { lang, texts } of languages) {
    it(`every error code has a ${lang} text`, () => {
      const missing = codes.filter((code) => typeof texts.errors?.[code] !== "string" || !texts.errors[code]);
      expect(missing).toEqual([]);
    });

    it(`every history action has a ${lang} title`, () => {
      const actions = found(/action: "([a-z_]+\.[a-z_]+)"/g);
      expect(actions.length).toBeGreaterThan(20);
      const missing = actions.filter((action) => {
        const [group, key] = action.split(".") as [string, string];
        return typeof texts.history?.actions?.[group]?.[key] !== "string";
      });
      expect(missing).toEqual([]);
    });
  }
});
