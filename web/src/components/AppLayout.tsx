import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router-dom";
import { PageLoader } from "../App";
import { useAuth } from "../auth/AuthContext";
import { AbsencesModal } from "./AbsencesModal";
import { LanguageSwitch } from "./LanguageSwitch";
import { EmailNotificationsToggle } from "./EmailNotificationsToggle";
import { NotificationsBell } from "./NotificationsBell";
import { useNotificationStream } from "./useNotificationStream";

interface NavEntry {
  to: string;
  label: string;
}

export function AppLayout() {
  const { t } = useTranslation();
  const { user, isAdmin, logout } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  useNotificationStream();
  // Following a link closes the phone menu. (The handlers of useDisclosure are new on every render, so they
  // must not be a dependency here, or the menu would close as soon as it opens.)
  const closeMenu = useRef(close);
  closeMenu.current = close;
  useEffect(() => closeMenu.current(), [location.pathname]);

  const [away, setAway] = useState(false);
  const main: NavEntry[] = [
    { to: "/my-work", label: t("nav.myWork") },
    { to: "/documents", label: t("nav.documents") },
    { to: "/companies", label: t("nav.companies") },
    { to: "/processes", label: t("nav.processes") },
    { to: "/approvals", label: t("nav.approvals") },
    { to: "/drive", label: t("nav.drive") },
  ];
  const settings: NavEntry[] = [
    { to: "/settings/users", label: t("nav.users") },
    { to: "/settings/departments", label: t("nav.departments") },
    { to: "/settings/calendar", label: t("nav.calendar") },
    { to: "/settings/document-types", label: t("nav.documentTypes") },
    { to: "/settings/templates", label: t("nav.templates") },
    { to: "/settings/processes", label: t("nav.processSettings") },
    { to: "/settings/audit", label: t("nav.audit") },
  ];
  const isActive = (to: string) => location.pathname === to || location.pathname.startsWith(`${to}/`);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a
        href="#main"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        {t("nav.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />
            <UnstyledButton component={Link} to="/" aria-label="Docket">
              <Text fw={800} size="lg" c="indigo.7">
                Docket
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <NotificationsBell />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`${user?.name ?? ""}, ${t("nav.account")}`} data-testid="user-menu">
                  <Text size="sm" fw={500} visibleFrom="xs">
                    {user?.name}
                  </Text>
                  <Avatar size="sm" color="indigo" hiddenFrom="xs" name={user?.name} />
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user?.email}</Menu.Label>
                <EmailNotificationsToggle />
                <Menu.Item onClick={() => setAway(true)} data-testid="away-menu-item">
                  {t("absences.imAway")}
                </Menu.Item>
                <Menu.Item onClick={() => void logout()}>{t("auth.signOut")}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("nav.main")}>
        <ScrollArea>
          {main.map((entry) => (
            <NavLink key={entry.to} component={Link} to={entry.to} label={entry.label} active={isActive(entry.to)} />
          ))}
          {isAdmin && (
            <>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700} mt="md" mb={4} px="sm">
                {t("nav.settings")}
              </Text>
              {settings.map((entry) => (
                <NavLink
                  key={entry.to}
                  component={Link}
                  to={entry.to}
                  label={entry.label}
                  active={isActive(entry.to)}
                />
              ))}
            </>
          )}
        </ScrollArea>
      </AppShell.Navbar>
      {away && user && <AbsencesModal userId={user.id} title={t("absences.imAway")} onClose={() => setAway(false)} />}
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
