import { Badge, Button, Center, Drawer, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import type { DocumentSort, DocumentState } from "@docket/common";
import { documentSorts } from "@docket/common";
import { useDebouncedValue, useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useDocuments, useDocumentTypes, type DocumentFilters } from "../../api/documents";
import type { FieldDef } from "../../api/types";
import { DocumentsTable } from "../../components/DocumentsTable";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CompanyPicker } from "../../components/pickers";
import { BulkActionBar } from "./registry/BulkActionBar";
import { ColumnChooser } from "./registry/ColumnChooser";
import { RegistryPhoneMenu } from "./registry/RegistryPhoneMenu";
import { ReserveNumbersDialog } from "./registry/ReserveNumbersDialog";
import { useRegistryColumns } from "./registry/useRegistryColumns";
import { StatusFilter } from "./StatusFilter";
import { RegistryExportMenu } from "./RegistryExportMenu";
import { UploadDialog } from "./UploadDialog";

const FILTER_KEYS = ["q", "typeId", "status", "companyId", "state"] as const;
const STATES: DocumentState[] = ["active", "reserved", "cancelled", "archived"];
const isSort = (value: string | null): value is DocumentSort =>
  value !== null && (documentSorts as readonly string[]).includes(value);

export default function DocumentsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [uploading, setUploading] = useState(false);
  const [reserving, setReserving] = useState(false);
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search, 300);
  const [columns, setColumns] = useRegistryColumns();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const phone = useMediaQuery("(max-width: 48em)");
  const [filtersOpen, filtersToggle] = useDisclosure(false);
  const types = useDocumentTypes();
  const state = params.get("state");
  const sortParam = params.get("sort");
  const filters: DocumentFilters = {
    typeId: params.get("typeId") ?? undefined,
    status: params.get("status") ?? undefined,
    companyId: params.get("companyId") ?? undefined,
    q: params.get("q") ?? undefined,
    state: STATES.includes(state as DocumentState) ? (state as DocumentState) : undefined,
    sort: isSort(sortParam) ? sortParam : "-createdAt",
  };
  const documents = useDocuments(filters);
  const updateParams = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next, { replace: true });
    setSelected(new Set());
  };
  const setFilter = (key: string, value: string | null) =>
    updateParams((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
      if (key === "typeId") next.delete("status");
    });
  const setFilters = (values: Record<string, string | undefined>) =>
    updateParams((next) => {
      for (const [key, value] of Object.entries(values)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
    });
  // The search box writes to the URL once typing pauses, so a search can be bookmarked and shared.
  useEffect(() => {
    if ((params.get("q") ?? "") !== q.trim()) setFilter("q", q.trim() || null);
  }, [q]);

  const typeList = types.data?.items ?? [];
  const filteredType = typeList.find((type) => type.id === filters.typeId);
  const rows = documents.data?.pages.flatMap((page) => page.items) ?? [];
  const first = documents.data?.pages[0];
  const activeFilters = FILTER_KEYS.filter((key) => params.get(key)).length;
  const filtered = activeFilters > 0;
  const fields = customFieldsOf(filters.typeId ? typeList.filter((type) => type.id === filters.typeId) : typeList);
  const selectedRows = rows.filter((d) => selected.has(d.id));
  const resetFilters = () => {
    setSearch("");
    updateParams((next) => FILTER_KEYS.forEach((key) => next.delete(key)));
  };

  const filterFields = (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
      <TextInput
        label={t("common.search")}
        placeholder={t("documents.searchPlaceholder")}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        type="search"
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
      <Select
        label={t("fields.state")}
        placeholder={t("registry.state.current")}
        clearable
        data={STATES.map((s) => ({ value: s, label: t(`registry.stateFilter.${s}`) }))}
        value={filters.state ?? null}
        onChange={(value) => setFilter("state", value)}
        data-testid="state-filter"
      />
    </SimpleGrid>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm" align="baseline">
          <Title order={1} size="h2">
            {t("documents.title")}
          </Title>
          {first && (
            <Text c="dimmed" data-testid="registry-total" aria-live="polite">
              {first.totalCapped
                ? t("registry.totalCapped", { n: first.total.toLocaleString(i18n.language) })
                : t("registry.total", { n: first.total.toLocaleString(i18n.language) })}
            </Text>
          )}
        </Group>
        {phone ? (
          <Group gap="xs" wrap="nowrap" w="100%" data-testid="registry-actions">
            <Button flex={1} onClick={() => setUploading(true)}>
              {t("documents.upload")}
            </Button>
            <RegistryPhoneMenu
              filters={filters}
              type={filteredType}
              fields={fields}
              columns={columns}
              onColumns={setColumns}
              onReserve={() => setReserving(true)}
            />
          </Group>
        ) : (
          <Group gap="xs" data-testid="registry-actions">
            <ColumnChooser fields={fields} columns={columns} onChange={setColumns} />
            <RegistryExportMenu filters={filters} type={filteredType} />
            <Button variant="default" onClick={() => setReserving(true)} data-testid="reserve-numbers">
              {t("registry.reserve.open")}
            </Button>
            <Button onClick={() => setUploading(true)}>{t("documents.upload")}</Button>
          </Group>
        )}
      </Group>
      {phone ? (
        <>
          <Button
            variant="default"
            onClick={filtersToggle.open}
            aria-haspopup="dialog"
            data-testid="filters-toggle"
            rightSection={
              filtered ? (
                <Badge
                  circle
                  aria-label={t("registry.filtersActive", { count: activeFilters })}
                  data-testid="filters-count"
                >
                  {activeFilters}
                </Badge>
              ) : undefined
            }
          >
            {t("registry.filters")}
          </Button>
          <Drawer
            opened={filtersOpen}
            onClose={filtersToggle.close}
            position="bottom"
            size="auto"
            title={t("registry.filters")}
          >
            <Stack>
              {filterFields}
              <Group justify="space-between">
                <Button variant="default" onClick={resetFilters} disabled={!filtered}>
                  {t("registry.resetFilters")}
                </Button>
                <Button onClick={filtersToggle.close}>{t("registry.showResults")}</Button>
              </Group>
            </Stack>
          </Drawer>
        </>
      ) : (
        filterFields
      )}
      <BulkActionBar selected={selectedRows} types={typeList} onClear={() => setSelected(new Set())} />
      <ErrorAlert error={documents.error} />
      <DocumentsTable
        documents={rows}
        loading={documents.isPending}
        registry={{
          sort: filters.sort ?? "-createdAt",
          onSort: (sort) => setFilter("sort", sort === "-createdAt" ? null : sort),
          columns,
          fields,
          selected,
          onSelect: (ids, on) =>
            setSelected((current) => {
              const next = new Set(current);
              for (const id of ids) {
                if (on) next.add(id);
                else next.delete(id);
              }
              return next;
            }),
        }}
        empty={
          filtered ? (
            <Stack align="center" p="lg" gap="xs" data-testid="nothing-found">
              <Text fw={600}>{t("common.nothingFound")}</Text>
              <Text c="dimmed" size="sm">
                {t("registry.nothingFoundHint")}
              </Text>
              <Button variant="default" onClick={resetFilters}>
                {t("registry.resetFilters")}
              </Button>
            </Stack>
          ) : undefined
        }
      />
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
      {reserving && <ReserveNumbersDialog types={typeList} onClose={() => setReserving(false)} />}
    </Stack>
  );
}

/** Custom fields of the given types, one per key (the first type's label wins), for the column chooser. */
function customFieldsOf(types: { fields: FieldDef[] }[]): FieldDef[] {
  const byKey = new Map<string, FieldDef>();
  for (const type of types) for (const field of type.fields) if (!byKey.has(field.key)) byKey.set(field.key, field);
  return [...byKey.values()];
}
