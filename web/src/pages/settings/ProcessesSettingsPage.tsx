import { Button, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useProcesses } from "../../api/processes";
import { StatusBadges } from "../../components/StatusBadge";
import { SettingsTable } from "./SettingsTable";

export default function ProcessesSettingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const processes = useProcesses();
  return (
    <SettingsTable
      title={t("nav.processSettings")}
      newLabel={t("settings.newProcess")}
      onNew={() => void navigate("/settings/processes/new")}
      error={processes.error}
      minWidth={640}
      headers={[t("settings.code"), t("fields.name"), t("settings.stages")]}
    >
      {(processes.data?.items ?? []).map((process) => (
        <Table.Tr key={process.id}>
          <Table.Td>{process.code}</Table.Td>
          <Table.Td fw={500}>{process.name}</Table.Td>
          <Table.Td>
            <StatusBadges statuses={process.stages} />
          </Table.Td>
          <Table.Td ta="right">
            <Button size="xs" variant="subtle" component={Link} to={`/settings/processes/${process.id}`}>
              {t("common.edit")}
            </Button>
          </Table.Td>
        </Table.Tr>
      ))}
    </SettingsTable>
  );
}
