import { Button, Paper, SegmentedControl, Stack, Text, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { subjectLabel, useMarkRead, useNotifications } from "../../api/notifications";
import type { AppNotification } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { appPath } from "../../components/NotificationsBell";
import { formatDateTime } from "../../lib/format";
import { PageHeader } from "../../components/PageHeader";

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [show, setShow] = useState<"unread" | "all">("all");
  const list = useNotifications(show === "unread");
  const markRead = useMarkRead();
  const items = list.data?.items ?? [];
  const unread = items.filter((n) => !n.read).map((n) => n.id);
  const open = (n: AppNotification) => {
    if (!n.read) markRead.mutate([n.id]);
    if (n.link) void navigate(appPath(n.link));
  };
  return (
    <Stack maw={720}>
      <PageHeader title={t("notifications.title")}>
        <Button variant="default" disabled={unread.length === 0} onClick={() => markRead.mutate("all")}>
          {t("notifications.markAllRead")}
        </Button>
      </PageHeader>
      <SegmentedControl
        aria-label={t("notifications.filter")}
        value={show}
        onChange={(value) => setShow(value as "unread" | "all")}
        data={[
          { value: "unread", label: t("notifications.unread") },
          { value: "all", label: t("notifications.allFilter") },
        ]}
        w="fit-content"
        data-testid="notifications-filter"
      />
      <ErrorAlert error={list.error} />
      {items.length === 0 && !list.isPending && <Text c="dimmed">{t("notifications.empty")}</Text>}
      {items.map((n) => (
        <Paper key={n.id} withBorder p="sm" bg={n.read ? undefined : "indigo.0"}>
          <UnstyledButton onClick={() => open(n)} w="100%" data-testid="notification">
            {n.subject && (
              <Text size="xs" c="dimmed" fw={600}>
                {subjectLabel(n.subject)}
              </Text>
            )}
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
