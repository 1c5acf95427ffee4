import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { searchTerms, stemRussian } from "./russian-stemmer.js";

// The hand-written stemmer stays only while it gives Snowball's own answer for every word of Snowball's reference
// vocabulary (49,785 words with their expected stems; see snowball/COPYING).
const vocabulary = zlib
  .gunzipSync(fs.readFileSync(path.join(import.meta.dirname, "snowball", "russian-vocabulary.tsv.gz")))
  .toString("utf8")
  .trim()
  .split("\n")
  .map((line) => line.split("\t") as [string, string]);

describe("the Snowball Russian stemmer", () => {
  it("stems every word of the reference vocabulary exactly as Snowball does", () => {
    expect(vocabulary.length).toBe(49_785);
    const wrong = vocabulary.filter(([word, stem]) => stemRussian(word) !== stem);
    expect(wrong.slice(0, 20).map(([word, stem]) => `${word} → ${stemRussian(word)}, not ${stem}`)).toEqual([]);
  });

  it("brings word forms of a search together", () => {
    expect(searchTerms("Договора поставки")).toEqual(searchTerms("договор поставка"));
  });
});
