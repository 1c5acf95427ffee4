/**
 * Whether a PDF's text layer is worth indexing, judged on its words rather than on its presence: Russian PDFs
 * with broken font encodings carry a text layer of mojibake ("Äîãîâîð"), private-use codes or letters that form
 * no words. Dictionary-free: a token counts as a word when it is written in one alphabet (Cyrillic or basic
 * Latin), has a vowel, and has no run of consonants no real word has.
 */
const CYRILLIC_WORD = /^[а-яё]+$/;
const LATIN_WORD = /^[a-z]+$/;
const CYRILLIC_VOWELS = /[аеёиоуыэюя]/;
const LATIN_VOWELS = /[aeiouy]/;
const CYRILLIC_CONSONANT_RUN = /[бвгджзйклмнпрстфхцчшщъь]{6}/;
const LATIN_CONSONANT_RUN = /[bcdfghjklmnpqrstvwxz]{6}/;

export interface TextQuality {
  tokens: number;
  words: number;
  usable: boolean;
}

export function isPlausibleWord(token: string): boolean {
  const word = token.toLowerCase();
  if (word.length < 2 || word.length > 30) return false;
  if (CYRILLIC_WORD.test(word)) return CYRILLIC_VOWELS.test(word) && !CYRILLIC_CONSONANT_RUN.test(word);
  if (LATIN_WORD.test(word)) return LATIN_VOWELS.test(word) && !LATIN_CONSONANT_RUN.test(word);
  return false;
}

/** Usable: at least `minWords` plausible words, and they make up most of the letter tokens. */
export function judgeText(text: string, minWords = 5): TextQuality {
  // Tokens are runs of anything but spaces, digits and punctuation: mojibake and symbol soup stay in them.
  const tokens = text
    .split(/[\s\d.,;:!?()[\]{}«»"'„“”\-–—/\\|*+=<>@#№%&_]+/u)
    .filter((t) => t.length > 0 && /\p{L}|[^\p{ASCII}]/u.test(t));
  const words = tokens.filter(isPlausibleWord).length;
  return { tokens: tokens.length, words, usable: words >= minWords && words >= tokens.length * 0.6 };
}
