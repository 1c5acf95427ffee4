import { SegmentedControl } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { Session, User } from "../api/types";
import { useAuth } from "../auth/AuthContext";
import { changeLanguage, type Language } from "../i18n";

/** RU/EN in the header. Signed in, the choice is also saved on the account, so emails come in that language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const choose = (language: Language) => {
    changeLanguage(language);
    if (user && user.locale !== language) {
      void api
        .patch<User>(`/api/users/${user.id}`, { locale: language })
        .then((saved) => client.setQueryData<Session | null>(["session"], (s) => s && { ...s, user: saved }))
        .catch(() => undefined); // the interface has switched anyway; the saved preference is a nicety
    }
  };
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("nav.language")}
      value={i18n.language === "ru" ? "ru" : "en"}
      onChange={(value) => choose(value as Language)}
      data={[
        { value: "ru", label: "RU" },
        { value: "en", label: "EN" },
      ]}
    />
  );
}
