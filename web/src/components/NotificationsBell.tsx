import { ActionIcon, Anchor, Button, Group, Indicator, Popover, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import {
  groupNotifications,
  type NotificationGroup,
  subjectLabel,
  useMarkRead,
  useNotifications,
  useUnreadCount,
} from "../api/notifications";
import type { AppNotification } from "../api/types";
import { formatDateTime } from "../lib/format";
import { BellIcon } from "./icons";

export function NotificationsBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    // The indicator wraps the popover, not the other way round: the popover's target must be the button itself,
    // or its aria-expanded lands on the indicator's plain <div>.
    <Indicator label={count} size={18} disabled={count === 0} offset={4} color="red" data-testid="unread-count">
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={t("notifications.bell", { count })}
            onClick={() => setOpened((value) => !value)}
            data-testid="notifications-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>{opened && <NotificationList onNavigate={() => setOpened(false)} />}</Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}

function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useNotifications();
  const markRead = useMarkRead();
  const unread = useUnreadCount().data;
  const items = list.data?.items ?? [];
  const unreadIds = items.filter((n) => !n.read).map((n) => n.id);

  // Opening a group reads all of it: the card it leads to shows what they were about.
  const open = (group: NotificationGroup) => {
    const notification = group.items[0]!;
    const unreadOfGroup = group.items.filter((n) => !n.read).map((n) => n.id);
    if (unreadOfGroup.length > 0) markRead.mutate(unreadOfGroup);
    if (notification.link) {
      onNavigate();
      void navigate(appPath(notification.link));
    }
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600}>{t("notifications.title")}</Text>
        <Button
          size="compact-xs"
          variant="subtle"
          disabled={unreadIds.length === 0 && (unread ?? 0) === 0}
          onClick={() => markRead.mutate("all")}
        >
          {t("notifications.markAllRead")}
        </Button>
      </Group>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {list.isPending ? t("common.loading") : t("notifications.empty")}
        </Text>
      )}
      <Stack gap={6} mah={360} style={{ overflowY: "auto" }}>
        {groupNotifications(items).map((group) => (
          <Stack key={group.key} gap={2} data-testid="notification-group">
            {group.subject && (
              <Text size="xs" c="dimmed" fw={600} data-testid="notification-subject">
                {group.unread > 1 && `${t("notifications.groupNew", { count: group.unread })} · `}
                {subjectLabel(group.subject)}
              </Text>
            )}
            {/* The newest of the group; the notifications page lists them all. */}
            <NotificationLine notification={group.items[0]!} onOpen={() => open(group)} />
          </Stack>
        ))}
      </Stack>
      <Anchor component={Link} to="/notifications" size="sm" onClick={onNavigate}>
        {t("notifications.all")}
      </Anchor>
    </Stack>
  );
}

function NotificationLine({ notification, onOpen }: { notification: AppNotification; onOpen: () => void }) {
  const { i18n } = useTranslation();
  return (
    <Anchor
      component="button"
      type="button"
      onClick={onOpen}
      c={notification.read ? "dimmed" : "dark"}
      fw={notification.read ? 400 : 600}
      ta="left"
      size="sm"
      underline="never"
      data-testid="notification"
    >
      {notification.text}
      <Text size="xs" c="dimmed">
        {formatDateTime(notification.at, i18n.language)}
      </Text>
    </Anchor>
  );
}

/** Links may be absolute URLs of this server or app paths; the router wants the path. */
export function appPath(link: string): string {
  try {
    const url = new URL(link, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}` : "/";
  } catch {
    return "/";
  }
}
