import type { TFunction } from "i18next";
import { useEffect, useRef } from "react";
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
];

export function wordFieldMessage(message: string, t: TFunction): string {
  for (const [pattern, key] of WORDINGS) {
    const match = pattern.exec(message);
    if (match) return t(key, { value: match.groups?.value ?? "" });
  }
  return t("validation.invalid");
}

/** A failed request's field errors by their full path ("statuses.0.name"), worded for the user. */
export function wordedFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const e of error.errors) result[e.path] ??= wordFieldMessage(e.message, t);
  return result;
}

/** Brings the first invalid field of `container` into view and puts the cursor in it. */
function focusFirstInvalid(container: HTMLElement | null): void {
  const first = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return;
  first.scrollIntoView({ block: "center" });
  first.focus();
}

/** A ref for a form whose first invalid field gets the cursor each time a save fails. */
export function useFocusFirstInvalid(error: unknown) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) focusFirstInvalid(formRef.current);
  }, [error]);
  return formRef;
}
