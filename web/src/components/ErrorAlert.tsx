import { Alert, List } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { GENERIC_CODES, wordFieldMessage } from "../lib/fieldErrors";

/**
 * Shows why a request failed: in the user's language when the error's stable code has a text under `errors.<code>`,
 * otherwise the server's detail and, when present, each field's message.
 */
export function ErrorAlert({
  error,
  title,
  fieldsShown,
}: {
  error: unknown;
  title?: string;
  /** The form shows each field's error beside the field: this alert only says so. */
  fieldsShown?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const inline = fieldsShown && error instanceof ApiError && error.errors.length > 0;
  // A specific refusal (the INN is taken) says what it is here too; a list of invalid fields only points at them.
  const detail =
    inline && GENERIC_CODES.has(error.code) ? t("validation.summary") : errorText(error, t, (key) => i18n.exists(key));
  const fieldErrors = error instanceof ApiError && !inline ? error.errors : [];
  return (
    <Alert color="red" title={title ?? t("common.error")} role="alert" data-testid="error-alert">
      {detail}
      {fieldErrors.length > 0 && (
        <List size="sm" mt="xs">
          {fieldErrors.map((e) => (
            <List.Item key={`${e.path}:${e.message}`}>
              <b>{e.path}</b>: {wordFieldMessage(e.message, t)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** A refusal the UI has already worded in the user's language (a provider's sign-in error, wrong credentials). */
export class WordedError extends Error {}

/**
 * A failed request in the user's language, worded from its stable `code` and `params` (`errors.<code>`); a network
 * failure or a code the UI does not know yet says so in the user's language too, never in the server's English.
 */
export function errorText(error: unknown, t: TFunction, exists: (key: string) => boolean): string {
  if (error instanceof ApiError) {
    if (exists(`errors.${error.code}`)) return t(`errors.${error.code}`, error.params);
    if (error.code === "network") return t("errors.network");
    return t("errors.unknown", { status: error.status });
  }
  if (error instanceof WordedError) return error.message;
  return t("common.unknownError");
}
