/**
 * The Snowball Russian stemmer (https://snowballstem.org/algorithms/russian/stemmer.html), so SQLite's FTS5
 * matches word forms the way PostgreSQL's 'russian' configuration does: "договора" and "договор" meet at "договор".
 */
const VOWELS = "аеиоуыэюя";

const byLength = (list: string) => list.split(" ").sort((a, b) => b.length - a.length);
const PERFECTIVE_GERUND_1 = byLength("в вши вшись");
const PERFECTIVE_GERUND_2 = byLength("ив ивши ившись ыв ывши ывшись");
const ADJECTIVE = byLength("ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею");
const PARTICIPLE_1 = byLength("ем нн вш ющ щ");
const PARTICIPLE_2 = byLength("ивш ывш ующ");
const REFLEXIVE = byLength("ся сь");
const VERB_1 = byLength("ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно");
const VERB_2 = byLength(
  "ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю",
);
const NOUN = byLength(
  "а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я",
);
const SUPERLATIVE = byLength("ейш ейше");
const DERIVATIONAL = byLength("ост ость");

const isVowel = (ch: string | undefined) => ch !== undefined && VOWELS.includes(ch);

/** Start of the region after the first vowel (RV), and R2 (R1 of R1), as indexes into the word. */
function regions(word: string): { rv: number; r2: number } {
  let rv = word.length;
  for (let i = 0; i < word.length; i++) {
    if (isVowel(word[i])) {
      rv = i + 1;
      break;
    }
  }
  const after = (from: number) => {
    for (let i = from + 1; i < word.length; i++) if (!isVowel(word[i]) && isVowel(word[i - 1])) return i + 1;
    return word.length;
  };
  const r1 = after(0);
  return { rv, r2: after(r1) };
}

/** Longest ending of `list` inside the region; group-1 endings also need "а" or "я" just before them. */
function findEnding(word: string, from: number, list: string[], afterAOrYa = false): string | undefined {
  for (const ending of list) {
    const start = word.length - ending.length;
    if (start < from || !word.endsWith(ending)) continue;
    if (afterAOrYa && !(start - 1 >= from && "ая".includes(word[start - 1] ?? ""))) continue;
    return ending;
  }
  return undefined;
}

function removeGroup(word: string, from: number, group1: string[], group2: string[]): string | undefined {
  const a = findEnding(word, from, group1, true);
  const b = findEnding(word, from, group2);
  const ending = [a, b].filter((e): e is string => e !== undefined).sort((x, y) => y.length - x.length)[0];
  return ending === undefined ? undefined : word.slice(0, word.length - ending.length);
}

function removeAdjectival(word: string, rv: number): string | undefined {
  const adjective = findEnding(word, rv, ADJECTIVE);
  if (adjective === undefined) return undefined;
  const stem = word.slice(0, word.length - adjective.length);
  return removeGroup(stem, rv, PARTICIPLE_1, PARTICIPLE_2) ?? stem;
}

function step1(word: string, rv: number): string {
  const gerund = removeGroup(word, rv, PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2);
  if (gerund !== undefined) return gerund;
  const reflexive = findEnding(word, rv, REFLEXIVE);
  const w = reflexive ? word.slice(0, word.length - reflexive.length) : word;
  return removeAdjectival(w, rv) ?? removeGroup(w, rv, VERB_1, VERB_2) ?? strip(w, findEnding(w, rv, NOUN));
}

const strip = (word: string, ending: string | undefined) =>
  ending === undefined ? word : word.slice(0, word.length - ending.length);

export function stemRussian(input: string): string {
  const word = input.toLowerCase().replaceAll("ё", "е");
  const { rv, r2 } = regions(word);
  if (rv >= word.length) return word;
  let w = step1(word, rv);
  if (w.endsWith("и") && w.length - 1 >= rv) w = w.slice(0, -1);
  w = strip(w, findEnding(w, r2, DERIVATIONAL));
  if (w.endsWith("нн") && w.length - 2 >= rv) return w.slice(0, -1);
  const superlative = findEnding(w, rv, SUPERLATIVE);
  if (superlative !== undefined) {
    w = strip(w, superlative);
    return w.endsWith("нн") && w.length - 2 >= rv ? w.slice(0, -1) : w;
  }
  return w.endsWith("ь") && w.length - 1 >= rv ? w.slice(0, -1) : w;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Lower-cased words of a text; Cyrillic words stemmed, others (numbers, Latin) kept whole. */
export function searchTerms(text: string, maxTerms = Infinity): string[] {
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    terms.push(CYRILLIC.test(word) ? stemRussian(word) : word);
    if (terms.length >= maxTerms) break;
  }
  return terms;
}
