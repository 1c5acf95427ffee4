import { Button, Group, Paper, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useMarkRead, useNotifications } from "../../api/notifications";
import type { AppNotification } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { appPath } from "../../components/NotificationsBell";
import { formatDateTime } from "../../lib/format";

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const list = useNotifications();
  const markRead = useMarkRead();
  const items = list.data?.items ?? [];
  const unread = items.filter((n) => !n.read).map((n) => n.id);
  const open = (n: AppNotification) => {
    if (!n.read) markRead.mutate([n.id]);
    if (n.link) void navigate(appPath(n.link));
  };
  return (
    <Stack maw={720}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t("notifications.title")}
        </Title>
        <Button variant="default" disabled={unread.length === 0} onClick={() => markRead.mutate("all")}>
          {t("notifications.markAllRead")}
        </Button>
      </Group>
      <ErrorAlert error={list.error} />
      {items.length === 0 && !list.isPending && <Text c="dimmed">{t("notifications.empty")}</Text>}
      {items.map((n) => (
        <Paper key={n.id} withBorder p="sm" bg={n.read ? undefined : "indigo.0"}>
          <UnstyledButton onClick={() => open(n)} w="100%">
            <Text fw={n.read ? 400 : 600}>{n.text}</Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(n.at, i18n.language)}
            </Text>
          </UnstyledButton>
        </Paper>
      ))}
    </Stack>
  );
}
