import { Button, Group, Paper, Table, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useProcesses } from "../../api/processes";
import { ErrorAlert } from "../../components/ErrorAlert";
import { StatusBadge } from "../../components/StatusBadge";

export default function ProcessesSettingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const processes = useProcesses();
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t("nav.processSettings")}</Title>
        <Button onClick={() => void navigate("/settings/processes/new")}>{t("settings.newProcess")}</Button>
      </Group>
      <ErrorAlert error={processes.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("settings.code")}</Table.Th>
                <Table.Th>{t("fields.name")}</Table.Th>
                <Table.Th>{t("settings.stages")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(processes.data?.items ?? []).map((process) => (
                <Table.Tr key={process.id}>
                  <Table.Td>{process.code}</Table.Td>
                  <Table.Td fw={500}>{process.name}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {process.stages.map((s) => (
                        <StatusBadge key={s.code} name={s.name} color={s.color} size="sm" />
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="subtle" component={Link} to={`/settings/processes/${process.id}`}>
                      {t("common.edit")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </>
  );
}
