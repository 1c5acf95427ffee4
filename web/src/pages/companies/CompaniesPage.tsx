import { Button, Group, Paper, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useCompanies } from "../../api/companies";
import { CompanyName } from "../../components/names";
import { ErrorAlert } from "../../components/ErrorAlert";
import { onRowClick } from "../../lib/keyboard";
import { CompanyFormModal } from "./CompanyFormModal";

export default function CompaniesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const companies = useCompanies(q);
  const [creating, setCreating] = useState(false);
  const items = companies.data?.items ?? [];

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          {t("companies.title")}
        </Title>
        <Button onClick={() => setCreating(true)}>{t("companies.create")}</Button>
      </Group>
      <TextInput
        placeholder={t("companies.searchPlaceholder")}
        aria-label={t("common.search")}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        mb="md"
        maw={420}
      />
      <ErrorAlert error={companies.error} />
      <Paper withBorder>
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={600}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("fields.name")}</Table.Th>
                  <Table.Th>{t("fields.inn")}</Table.Th>
                  <Table.Th>{t("fields.phone")}</Table.Th>
                  <Table.Th>{t("fields.email")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((company) => (
                  <Table.Tr
                    key={company.id}
                    className="clickable-row"
                    onClick={onRowClick(() => void navigate(`/companies/${company.id}`))}
                  >
                    <Table.Td fw={500}>
                      <CompanyName id={company.id} name={company.name} />
                    </Table.Td>
                    <Table.Td>{company.inn ?? "—"}</Table.Td>
                    <Table.Td>{company.phone ?? "—"}</Table.Td>
                    <Table.Td>{company.email ?? "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {items.length === 0 && !companies.isPending && (
          <Text c="dimmed" ta="center" p="lg">
            {t("common.nothingFound")}
          </Text>
        )}
      </Paper>
      {creating && (
        <CompanyFormModal
          opened
          onClose={() => setCreating(false)}
          onSaved={(company) => void navigate(`/companies/${company.id}`)}
        />
      )}
    </>
  );
}
