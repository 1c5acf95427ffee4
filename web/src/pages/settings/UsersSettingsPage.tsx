import { Badge, Button, Table } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../../api/types";
import { useUsers } from "../../api/users";
import { AbsencesModal } from "../../components/AbsencesModal";
import { UserFormModal } from "./UserFormModal";
import { SettingsTable } from "./SettingsTable";

export default function UsersSettingsPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [absencesOf, setAbsencesOf] = useState<User | null>(null);
  return (
    <>
      <SettingsTable
        title={t("nav.users")}
        newLabel={t("users.create")}
        onNew={() => setEditing("new")}
        error={users.error}
        minWidth={600}
        headers={[t("fields.personName"), t("fields.email"), t("fields.role"), t("fields.state")]}
      >
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
              <Button size="xs" variant="subtle" onClick={() => setAbsencesOf(user)}>
                {t("absences.title")}
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setEditing(user)}>
                {t("common.edit")}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
      {absencesOf && (
        <AbsencesModal
          userId={absencesOf.id}
          title={`${t("absences.title")}: ${absencesOf.name}`}
          onClose={() => setAbsencesOf(null)}
        />
      )}
      {editing && <UserFormModal user={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
