import { Anchor, Button, Group, Menu, Paper, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useCompanyItems } from "../../api/companies";
import { useProcesses } from "../../api/processes";
import { ClickableRow } from "../../components/ClickableRow";
import { ErrorAlert } from "../../components/ErrorAlert";
import { UserName } from "../../components/names";
import { StatusBadge } from "../../components/StatusBadge";
import { TableHead } from "../../components/TableHead";
import { formatDate } from "../../lib/format";
import { CreateItemModal } from "../processes/CreateItemModal";

export function CompanyItems({ companyId }: { companyId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const items = useCompanyItems(companyId);
  const list = items.data ?? [];
  const processes = useProcesses();
  const [startIn, setStartIn] = useState<string | null>(null);
  return (
    <>
      <Group justify="flex-end" mb="md">
        <Menu position="bottom-end">
          <Menu.Target>
            <Button disabled={(processes.data?.items ?? []).length === 0}>{t("companies.startProcess")}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(processes.data?.items ?? []).map((process) => (
              <Menu.Item key={process.id} onClick={() => setStartIn(process.id)}>
                {process.name}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {startIn && <CreateItemModal processId={startIn} companyId={companyId} onClose={() => setStartIn(null)} />}
      <ErrorAlert error={items.error} />
      <Paper withBorder>
        <Table highlightOnHover verticalSpacing="sm">
          <TableHead headings={[t("fields.title"), t("fields.stage"), t("fields.responsible"), t("fields.date")]} />
          <Table.Tbody>
            {list.map((item) => (
              <ClickableRow key={item.id} onOpen={() => void navigate(`/items/${item.id}`)}>
                <Table.Td fw={500}>
                  <Anchor component={Link} to={`/items/${item.id}`} inherit>
                    {item.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge name={item.stage.name} color={item.stage.color} size="sm" />
                </Table.Td>
                <Table.Td>
                  <UserName id={item.responsibleId} />
                </Table.Td>
                <Table.Td>{formatDate(item.createdAt, i18n.language)}</Table.Td>
              </ClickableRow>
            ))}
          </Table.Tbody>
        </Table>
        {list.length === 0 && (
          <Text c="dimmed" ta="center" p="lg">
            {items.isPending ? t("common.loading") : t("processes.noItems")}
          </Text>
        )}
      </Paper>
    </>
  );
}
