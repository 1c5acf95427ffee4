import { Alert, List } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { wordFieldMessage } from "../lib/fieldErrors";

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
  const worded = error instanceof ApiError && i18n.exists(`errors.${error.code}`);
  const detail = inline
    ? t("validation.summary")
    : worded
      ? t(`errors.${error.code}`)
      : errorMessage(error, t("common.unknownError"));
  const fieldErrors = error instanceof ApiError && !worded && !inline ? error.errors : [];
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

export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return fallback;
}

/** Field errors keyed by their last path segment, for Mantine inputs' `error` prop. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const e of error.errors) result[e.path.split(".").pop() ?? e.path] = e.message;
  }
  return result;
}
