import { translate, WIKIPEDIA } from "iuliia";

/**
 * A code made from a name for people who do not write codes: Russian romanized by iuliia's Wikipedia schema (the
 * readable one: «Щука» → shchuka, «Цена» → tsena), lower case, words joined by "_", at most 50 characters, never
 * starting with a digit, so it fits both the stage/status codes and the field keys the server accepts.
 */
export function codeFromName(name: string): string {
  const code = translate(name.trim(), WIKIPEDIA)
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return (/^\d/.test(code) ? `_${code}` : code).slice(0, 50).replace(/_+$/, "");
}

/**
 * The code after the name changed: it follows the name while it is empty or still the one made from the old name;
 * a code the user typed, or one already saved (robots and documents refer to it), stays as it is.
 */
export function codeAfterRename(
  code: string,
  oldName: string,
  newName: string,
  saved: ReadonlySet<string> = new Set(),
): string {
  if (saved.has(code)) return code;
  return code === "" || code === codeFromName(oldName) ? codeFromName(newName) : code;
}
