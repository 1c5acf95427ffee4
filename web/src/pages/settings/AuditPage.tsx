import type { AuditEntry } from "@docket/common";
import {
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  type ComboboxData,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { TFunction } from "i18next";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { auditExportUrl, useAuditLog, type AuditFilters } from "../../api/audit";
import { useUsers } from "../../api/users";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TableHead } from "../../components/TableHead";
import en from "../../i18n/en.json";
import { formatDateTime } from "../../lib/format";
import { PageHeader } from "../../components/PageHeader";
import { DayInput } from "../../components/DayInput";

/**
 * The actions Docket records, by area: the history's translated actions are the list, so an action gets its filter entry
 * when it gets its words. An action missing there still shows (by its code) and can be typed.
 */
const ACTIONS: Record<string, string[]> = Object.fromEntries(
  Object.entries(en.history.actions).map(([group, actions]) => [group, Object.keys(actions)]),
);
const ENTITY_TYPES = Object.keys(en.audit.entityTypes);
/** Objects that have a page of their own. */
const OBJECT_PAGES: Record<string, string> = { document: "/documents", item: "/items", company: "/companies" };

interface FormState {
  actorId: string | null;
  action: string | null;
  entityType: string | null;
  entityId: string;
  fromDay: string;
  toDay: string;
}
const EMPTY: FormState = { actorId: null, action: null, entityType: null, entityId: "", fromDay: "", toDay: "" };

/** Days are the browser's days: 1 March means from its local midnight to the next. */
function toFilters(form: FormState): AuditFilters {
  const filters: AuditFilters = {};
  if (form.actorId) filters.actorId = form.actorId;
  if (form.action) filters.action = form.action;
  if (form.entityType) filters.entityType = form.entityType;
  if (form.entityId.trim()) filters.entityId = form.entityId.trim();
  if (form.fromDay) filters.from = new Date(`${form.fromDay}T00:00:00`).toISOString();
  if (form.toDay) filters.to = new Date(`${form.toDay}T23:59:59.999`).toISOString();
  return filters;
}

export function actionLabel(action: string, t: TFunction): string {
  const dot = action.indexOf(".");
  if (dot < 0) return action;
  const group = t(`audit.groups.${action.slice(0, dot)}`, { defaultValue: action.slice(0, dot) });
  return `${group} · ${t(`history.actions.${action}`, { defaultValue: action.slice(dot + 1) })}`;
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<FormState>(EMPTY);
  // The object id is typed: ask the server when typing pauses, not on every key.
  const [settled] = useDebouncedValue(form, 300);
  const filters = useMemo(() => toFilters(settled), [settled]);
  const log = useAuditLog(filters);
  const users = useUsers();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  /** A filter picked from a list; a searchable one says so when nothing matches. */
  const choice = (
    key: "actorId" | "action" | "entityType",
    label: string,
    placeholder: string,
    data: ComboboxData,
    searchable: boolean,
  ) => (
    <Select
      label={label}
      placeholder={placeholder}
      searchable={searchable}
      clearable
      data={data}
      value={form[key]}
      onChange={(v) => set(key, v)}
      nothingFoundMessage={searchable ? t("common.nothingFound") : undefined}
    />
  );

  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const actionOptions = Object.entries(ACTIONS).map(([group, actions]) => ({
    group: t(`audit.groups.${group}`),
    items: actions.map((a) => ({ value: `${group}.${a}`, label: t(`history.actions.${group}.${a}`) })),
  }));
  const typeOptions = ENTITY_TYPES.map((type) => ({ value: type, label: t(`audit.entityTypes.${type}`) }));
  const userOptions = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));

  return (
    <Stack>
      <PageHeader title={t("audit.title")}>
        <Button component="a" href={auditExportUrl(filters)} download data-testid="audit-export">
          {t("audit.export")}
        </Button>
      </PageHeader>

      <Paper withBorder p="md" component="section" aria-labelledby="audit-filters">
        <Title order={2} size="h5" id="audit-filters" mb="sm">
          {t("audit.filters")}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {choice("actorId", t("audit.who"), t("audit.anyone"), userOptions, true)}
          {choice("action", t("audit.action"), t("audit.anyAction"), actionOptions, true)}
          {choice("entityType", t("audit.entityType"), t("audit.anyType"), typeOptions, false)}
          <TextInput
            label={t("audit.entityId")}
            value={form.entityId}
            onChange={(e) => set("entityId", e.currentTarget.value)}
            spellCheck={false}
          />
          <DayInput label={t("audit.from")} value={form.fromDay} onValueChange={(day) => set("fromDay", day)} />
          <DayInput label={t("audit.to")} value={form.toDay} onValueChange={(day) => set("toDay", day)} />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={() => setForm(EMPTY)}>
            {t("audit.reset")}
          </Button>
        </Group>
      </Paper>

      <ErrorAlert error={log.error} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" data-testid="audit-table">
            <TableHead
              headings={[t("audit.time"), t("audit.who"), t("audit.action"), t("audit.object"), t("audit.details")]}
            />
            <Table.Tbody>
              {entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} t={t} language={i18n.language} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {log.isSuccess && entries.length === 0 && (
          <Text c="dimmed" ta="center" p="md">
            {t("audit.empty")}
          </Text>
        )}
      </Paper>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t("audit.shown", { count: entries.length })}
      </Text>
      {log.hasNextPage && (
        <Center>
          <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Center>
      )}
    </Stack>
  );
}

function AuditRow({ entry, t, language }: { entry: AuditEntry; t: TFunction; language: string }) {
  const page = OBJECT_PAGES[entry.entityType];
  const typeLabel = t(`audit.entityTypes.${entry.entityType}`, { defaultValue: entry.entityType });
  const details = Object.entries(entry.details).map(
    ([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
  return (
    <Table.Tr data-testid="audit-row">
      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(entry.at, language)}</Table.Td>
      <Table.Td>{entry.actor ? entry.actor.name : t("history.automation")}</Table.Td>
      <Table.Td>{actionLabel(entry.action, t)}</Table.Td>
      <Table.Td>
        <Text size="sm">{typeLabel}</Text>
        {page ? (
          <Anchor component={Link} to={`${page}/${entry.entityId}`} size="xs" ff="monospace" translate="no">
            {entry.entityId}
          </Anchor>
        ) : (
          <Text size="xs" ff="monospace" c="dimmed" translate="no">
            {entry.entityId}
          </Text>
        )}
      </Table.Td>
      {/* The recorded details are the raw record (keys and values as stored), not interface text. */}
      <Table.Td maw={360} translate="no">
        {details.map((line) => (
          <Text key={line} size="xs" ff="monospace" style={{ wordBreak: "break-word" }}>
            {line}
          </Text>
        ))}
      </Table.Td>
    </Table.Tr>
  );
}
