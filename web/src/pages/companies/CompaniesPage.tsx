import { Button, Paper, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useCompanies } from "../../api/companies";
import { ClickableRow } from "../../components/ClickableRow";
import { CompanyName } from "../../components/names";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableHead } from "../../components/TableHead";
import { CompanyFormModal } from "./CompanyFormModal";
import { PageHeader } from "../../components/PageHeader";

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
      <PageHeader title={t("companies.title")} mb="md">
        <Button onClick={() => setCreating(true)}>{t("companies.create")}</Button>
      </PageHeader>
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
              <TableHead headings={[t("fields.name"), t("fields.inn"), t("fields.phone"), t("fields.email")]} />
              <Table.Tbody>
                {items.map((company) => (
                  <ClickableRow key={company.id} onOpen={() => void navigate(`/companies/${company.id}`)}>
                    <Table.Td fw={500}>
                      <CompanyName id={company.id} name={company.name} />
                    </Table.Td>
                    <Table.Td>{company.inn ?? "—"}</Table.Td>
                    <Table.Td>{company.phone ?? "—"}</Table.Td>
                    <Table.Td>{company.email ?? "—"}</Table.Td>
                  </ClickableRow>
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
