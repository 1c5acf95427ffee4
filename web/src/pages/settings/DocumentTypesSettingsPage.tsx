import { Button, Code, Group, Paper, Table, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentTypes } from "../../api/documents";
import type { DocumentType } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { StatusBadge } from "../../components/StatusBadge";
import { DocumentTypeEditor } from "./DocumentTypeEditor";

export default function DocumentTypesSettingsPage() {
  const { t } = useTranslation();
  const types = useDocumentTypes();
  const [editing, setEditing] = useState<DocumentType | "new" | null>(null);
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t("nav.documentTypes")}</Title>
        <Button onClick={() => setEditing("new")}>{t("settings.newType")}</Button>
      </Group>
      <ErrorAlert error={types.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("settings.code")}</Table.Th>
                <Table.Th>{t("fields.name")}</Table.Th>
                <Table.Th>{t("settings.numberTemplate")}</Table.Th>
                <Table.Th>{t("settings.statuses")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(types.data?.items ?? []).map((type) => (
                <Table.Tr key={type.id}>
                  <Table.Td>{type.code}</Table.Td>
                  <Table.Td fw={500}>{type.name}</Table.Td>
                  <Table.Td>
                    <Code>{type.numbering.template}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {type.statuses.map((s) => (
                        <StatusBadge key={s.code} name={s.name} color={s.color} size="sm" />
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(type)}>
                      {t("common.edit")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {editing && <DocumentTypeEditor type={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
