import type { DocumentMatch } from "@docket/common";
import { searchTerms, stemRussian } from "../../lib/russian-stemmer.js";

const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Characters of context kept before the first hit, and the snippet's whole length. */
const BEFORE = 60;
const LENGTH = 220;

const normalise = (word: string) => word.toLowerCase().replaceAll("ё", "е");

/**
 * Whether a word of the text is one the search matched: the same stemming as the index (Snowball Russian for
 * Cyrillic words), a query stem matching the start of the word's stem as in the SQLite index's prefix queries.
 */
function hits(word: string, terms: string[]): boolean {
  const lower = normalise(word);
  // A stem is a prefix of its word, so a word that does not start with the term cannot match: most words stop here.
  const candidates = terms.filter((term) => lower.startsWith(term));
  if (candidates.length === 0) return false;
  const stem = CYRILLIC.test(lower) ? stemRussian(lower) : lower;
  return candidates.some((term) => stem.startsWith(term));
}

/**
 * The piece of `text` around the first word that `q` matched, with every matched word in it as [start, end)
 * offsets into the snippet; null when no word matches. Line breaks become spaces one for one, so offsets hold.
 */
export function matchIn(text: string, q: string): DocumentMatch | null {
  const terms = [...new Set(searchTerms(q).map(normalise))];
  if (terms.length === 0 || text === "") return null;
  let first: number | undefined;
  for (const m of text.matchAll(WORD)) {
    if (hits(m[0], terms)) {
      first = m.index;
      break;
    }
  }
  if (first === undefined) return null;
  let start = Math.max(0, first - BEFORE);
  // Start and end on word boundaries, never in the middle of a word.
  if (start > 0) start = text.lastIndexOf(" ", start) + 1 || start;
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length) {
    const space = text.indexOf(" ", end);
    end = space === -1 || space - end > 30 ? end : space;
  }
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  const body = text.slice(start, end).replace(/\s/g, " ");
  const ranges: [number, number][] = [];
  for (const m of body.matchAll(WORD)) {
    if (hits(m[0], terms)) ranges.push([prefix.length + m.index, prefix.length + m.index + m[0].length]);
  }
  return { snippet: `${prefix}${body}${suffix}`, ranges };
}

/** Where `q` hit a document: its file text first (that is what the title does not show), else its title or number. */
export function documentMatch(
  doc: { number: string; title: string },
  text: string | undefined,
  q: string,
): DocumentMatch | undefined {
  const inText = text === undefined ? null : matchIn(text, q);
  if (inText) return inText;
  const inTitle = matchIn(doc.title, q);
  if (inTitle) return inTitle;
  if (doc.number.toLowerCase() === q.trim().toLowerCase())
    return { snippet: doc.number, ranges: [[0, doc.number.length]] };
  return undefined;
}
