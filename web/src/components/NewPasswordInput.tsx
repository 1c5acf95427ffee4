import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * A password being chosen (the first administrator's, a new user's, a changed one): the browser is told it is new,
 * and the length rule is shown and checked as common's passwordSchema has it (at least 8 characters).
 */
export function NewPasswordInput(props: PasswordInputProps) {
  const { t } = useTranslation();
  return <PasswordInput description={t("auth.passwordHint")} autoComplete="new-password" minLength={8} {...props} />;
}
