import { Button, Center, Group, Select, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useDocuments, useDocumentTypes, type DocumentFilters } from "../../api/documents";
import { DocumentsTable } from "../../components/DocumentsTable";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CompanyPicker } from "../../components/pickers";
import { StatusFilter } from "./StatusFilter";
import { RegistryExportMenu } from "./RegistryExportMenu";
import { UploadDialog } from "./UploadDialog";

export default function DocumentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [uploading, setUploading] = useState(false);
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search, 300);
  const types = useDocumentTypes();
  const filters: DocumentFilters = {
    typeId: params.get("typeId") ?? undefined,
    status: params.get("status") ?? undefined,
    companyId: params.get("companyId") ?? undefined,
    q: q.trim() || undefined,
  };
  const documents = useDocuments(filters);
  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === "typeId") next.delete("status");
    setParams(next, { replace: true });
  };
  const setFilters = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(values)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const typeList = types.data?.items ?? [];
  const rows = documents.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t("documents.title")}
        </Title>
        <Group gap="xs">
          <RegistryExportMenu filters={filters} type={typeList.find((type) => type.id === filters.typeId)} />
          <Button onClick={() => setUploading(true)}>{t("documents.upload")}</Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          label={t("common.search")}
          placeholder={t("documents.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Select
          label={t("fields.type")}
          clearable
          data={typeList.map((type) => ({ value: type.id, label: type.name }))}
          value={filters.typeId ?? null}
          onChange={(value) => setFilter("typeId", value)}
        />
        <StatusFilter
          types={typeList}
          typeId={filters.typeId}
          status={filters.status}
          onChange={(typeId, status) => setFilters({ typeId, status })}
        />
        <CompanyPicker value={filters.companyId ?? null} onChange={(value) => setFilter("companyId", value)} />
      </SimpleGrid>
      <ErrorAlert error={documents.error} />
      <DocumentsTable documents={rows} loading={documents.isPending} />
      {documents.hasNextPage && (
        <Center>
          <Button
            variant="default"
            loading={documents.isFetchingNextPage}
            onClick={() => void documents.fetchNextPage()}
          >
            {t("common.loadMore")}
          </Button>
        </Center>
      )}
      {uploading && <UploadDialog opened onClose={() => setUploading(false)} />}
    </Stack>
  );
}
