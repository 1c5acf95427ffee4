import { Menu, Switch } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { Session, User } from "../api/types";
import { useAuth } from "../auth/AuthContext";

/** Each user decides whether notifications also go out by email (they always arrive in the bell). */
export function EmailNotificationsToggle() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (on: boolean) => api.patch<User>(`/api/users/${user?.id}`, { emailNotifications: on }),
    onSuccess: (saved) => client.setQueryData<Session | null>(["session"], (s) => s && { ...s, user: saved }),
  });
  if (!user) return null;
  return (
    <Menu.Item closeMenuOnClick={false} onClick={() => save.mutate(!user.emailNotifications)}>
      <Switch
        size="xs"
        label={t("nav.emailNotifications")}
        checked={user.emailNotifications}
        readOnly
        tabIndex={-1}
        styles={{ root: { pointerEvents: "none" } }}
      />
    </Menu.Item>
  );
}
