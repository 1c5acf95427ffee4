import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useCompany, useCompanyDocuments } from "../../api/companies";
import type { Company } from "../../api/types";
import { DocumentsTable } from "../../components/DocumentsTable";
import { ErrorAlert } from "../../components/ErrorAlert";
import { RecordError } from "../errors/NotFoundPage";
import { UploadDialog } from "../documents/UploadDialog";
import { CompanyFormModal } from "./CompanyFormModal";
import { CompanyItems } from "./CompanyItems";
import { PageHeader } from "../../components/PageHeader";

const TABS = ["details", "documents", "processes"] as const;

export default function CompanyPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const company = useCompany(id);
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((name) => name === params.get("tab")) ?? "details";
  // The tab lives in the URL, so a reload or coming back from a document lands on it; switching does not add history.
  const setTab = (next: string | null) => setParams(next && next !== "details" ? { tab: next } : {}, { replace: true });
  const [editing, setEditing] = useState(false);

  if (company.error) return <RecordError error={company.error} what="company" />;
  if (!company.data) return null;
  return (
    <>
      <Anchor component={Link} to="/companies" size="sm">
        ← {t("companies.title")}
      </Anchor>
      <PageHeader title={company.data.name} mt="xs" mb="md">
        <Button variant="default" onClick={() => setEditing(true)}>
          {t("common.edit")}
        </Button>
      </PageHeader>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="details">{t("companies.tabDetails")}</Tabs.Tab>
          <Tabs.Tab value="documents">{t("companies.tabDocuments")}</Tabs.Tab>
          <Tabs.Tab value="processes">{t("companies.tabProcesses")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <CompanyDetails company={company.data} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <CompanyDocuments companyId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="processes">
          <CompanyItems companyId={id} />
        </Tabs.Panel>
      </Tabs>
      {editing && <CompanyFormModal opened company={company.data} onClose={() => setEditing(false)} />}
    </>
  );
}

function CompanyDetails({ company }: { company: Company }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    [t("fields.inn"), company.inn],
    [t("fields.kpp"), company.kpp],
    [t("fields.address"), company.address],
    [t("fields.phone"), company.phone],
    [t("fields.email"), company.email],
  ];
  return (
    <Paper withBorder p="md" maw={720}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {rows.map(([label, value]) => (
          <Stack gap={0} key={label}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {label}
            </Text>
            <Text>{value ?? "—"}</Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function CompanyDocuments({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const documents = useCompanyDocuments(companyId);
  const [uploading, setUploading] = useState(false);
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setUploading(true)}>{t("documents.upload")}</Button>
      </Group>
      <ErrorAlert error={documents.error} />
      <DocumentsTable documents={documents.data?.items ?? []} showCompany={false} loading={documents.isPending} />
      {uploading && <UploadDialog opened companyId={companyId} onClose={() => setUploading(false)} />}
    </Stack>
  );
}
