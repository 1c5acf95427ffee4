import type { TFunction } from "i18next";
import { useEffect, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

/**
 * The server's field messages are its own (English, from the shared zod schemas); the user reads them worded from
 * what they mean, in their language. Unknown messages fall back to a plain "invalid value".
 */
const WORDINGS: [RegExp, string][] = [
  [/^(Too small|Required|Invalid input: expected \w+, received undefined)/, "validation.required"],
  [/^Too big/, "validation.tooLong"],
  [/^Duplicate status code (?<value>.+)$/, "validation.duplicateCode"],
  [/^Duplicate field key (?<value>.+)$/, "validation.duplicateKey"],
  [/^Unknown token \{(?<value>.*)\}$/, "validation.unknownToken"],
  [/^Must contain the counter/, "validation.needsCounter"],
  [/^\{n:W\} needs a width/, "validation.counterWidth"],
  [/^Unbalanced brace/, "validation.unbalancedBrace"],
  [/needs \{yyyy\} or \{yy\}$/, "validation.needsYear"],
  [/needs \{mm\}$/, "validation.needsMonth"],
  [/^Exactly one status must be initial/, "validation.oneInitial"],
  [/^Name at least one folder/, "validation.needsFolder"],
  [/^Folder segments must be names/, "validation.badFolder"],
  [/^Backslashes, control and invisible characters/, "validation.badCharacters"],
  [/^A select field needs options/, "validation.needsOptions"],
  [/^Letters, digits/, "validation.codeCharacters"],
  [/^Colour must be/, "validation.colour"],
  [/^INN checksum/, "validation.inn"],
  [/^KPP must be/, "validation.kpp"],
  [/^Invalid email/, "validation.email"],
  [/^Invalid phone/, "validation.phone"],
  [/^No such /, "validation.noSuch"],
  [/^The file is empty/, "validation.emptyFile"],
  [/^Before from/, "validation.endBeforeStart"],
  [/^A robot cannot move an item into the stage it runs on/, "validation.moveToOwnStage"],
];

export function wordFieldMessage(message: string, t: TFunction): string {
  for (const [pattern, key] of WORDINGS) {
    const match = pattern.exec(message);
    if (match) return t(key, { value: match.groups?.value ?? "" });
  }
  return t("validation.invalid");
}

// Codes that only say "something in the request was wrong": each field's own message says what.
export const GENERIC_CODES = new Set(["validation_failed", "bad_request", "unprocessable", "conflict"]);

/**
 * A failed request's field errors by their full path ("statuses.0.name", "fields.amount"), worded for the user: a
 * specific refusal about one field (inn_taken on "inn") in its code's words, a validation message in its own.
 */
export function wordedFieldErrors(
  error: unknown,
  t: TFunction,
  exists: (key: string) => boolean,
): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  const reason = !GENERIC_CODES.has(error.code) && exists(`errors.${error.code}`) ? `errors.${error.code}` : null;
  for (const e of error.errors) result[e.path] ??= reason ? t(reason, error.params) : wordFieldMessage(e.message, t);
  return result;
}

/**
 * The one way a form shows a server refusal: each field's error beside it (pass them to the inputs' `error` and show
 * `<ErrorAlert error={…} fieldsShown />` above), worded in the user's language, and the first invalid field scrolled
 * into view with the cursor in it.
 */
export function useFieldErrors(error: unknown, form: RefObject<HTMLElement | null>): Record<string, string> {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (error) focusFirstInvalid(form.current);
  }, [error, form]);
  return wordedFieldErrors(error, t, (key) => i18n.exists(key));
}

/** The errors under `prefix` ("fields"), keyed by the rest of their path ("amount"). */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors))
    if (path.startsWith(`${prefix}.`)) result[path.slice(prefix.length + 1)] = message;
  return result;
}

/** Brings the first invalid field of `container` into view and puts the cursor in it. */
function focusFirstInvalid(container: HTMLElement | null): void {
  const first = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return;
  first.scrollIntoView({ block: "center" });
  first.focus();
}
