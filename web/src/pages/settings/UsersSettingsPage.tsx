import { Badge, Button, Group, Paper, Table, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../../api/types";
import { useUsers } from "../../api/users";
import { ErrorAlert } from "../../components/ErrorAlert";
import { UserFormModal } from "./UserFormModal";

export default function UsersSettingsPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const [editing, setEditing] = useState<User | "new" | null>(null);
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t("nav.users")}</Title>
        <Button onClick={() => setEditing("new")}>{t("users.create")}</Button>
      </Group>
      <ErrorAlert error={users.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("fields.personName")}</Table.Th>
                <Table.Th>{t("fields.email")}</Table.Th>
                <Table.Th>{t("fields.role")}</Table.Th>
                <Table.Th>{t("fields.state")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.items ?? []).map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td fw={500}>{user.name}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>{t(`users.roles.${user.role}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={user.active ? "green" : "gray"} variant="light">
                      {user.active ? t("users.active") : t("users.inactive")}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(user)}>
                      {t("common.edit")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {editing && <UserFormModal user={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
