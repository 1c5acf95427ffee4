import { Button, Code, Table } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentTypes } from "../../api/documents";
import type { DocumentType } from "../../api/types";
import { StatusBadges } from "../../components/StatusBadge";
import { DocumentTypeEditor } from "./DocumentTypeEditor";
import { SettingsTable } from "./SettingsTable";

export default function DocumentTypesSettingsPage() {
  const { t } = useTranslation();
  const types = useDocumentTypes();
  const [editing, setEditing] = useState<DocumentType | "new" | null>(null);
  return (
    <>
      <SettingsTable
        title={t("nav.documentTypes")}
        newLabel={t("settings.newType")}
        onNew={() => setEditing("new")}
        error={types.error}
        minWidth={700}
        headers={[t("settings.code"), t("fields.name"), t("settings.numberTemplate"), t("settings.statuses")]}
      >
        {(types.data?.items ?? []).map((type) => (
          <Table.Tr key={type.id}>
            <Table.Td>{type.code}</Table.Td>
            <Table.Td fw={500}>{type.name}</Table.Td>
            <Table.Td>
              <Code>{type.numbering.template}</Code>
            </Table.Td>
            <Table.Td>
              <StatusBadges statuses={type.statuses} />
            </Table.Td>
            <Table.Td ta="right">
              <Button size="xs" variant="subtle" onClick={() => setEditing(type)}>
                {t("common.edit")}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
      {editing && <DocumentTypeEditor type={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
