import { Anchor, Checkbox, Group, Paper, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import type { DocumentMatch, DocumentSort, DocumentSortKey } from "@docket/common";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useDocumentTypes, type RegistryDocument } from "../api/documents";
import type { FieldDef } from "../api/types";
import { formatDate } from "../lib/format";
import { ClickableRow } from "./ClickableRow";
import { DocumentStateBadge } from "./DocumentStateBadge";
import { DocumentThumbnail } from "./DocumentThumbnail";
import { FieldValue } from "./FieldValue";
import { CompanyName, UserName } from "./names";
import { StatusBadge } from "./StatusBadge";

/** The registry's extras; the company card and the item card show the plain table. */
export interface RegistryTableOptions {
  sort: DocumentSort;
  onSort: (sort: DocumentSort) => void;
  /** Optional columns switched on: "responsible" and custom field keys. */
  columns: string[];
  /** Custom fields of the types present, one per key. */
  fields: FieldDef[];
  selected: Set<string>;
  onSelect: (ids: string[], selected: boolean) => void;
}

export function DocumentsTable({
  documents,
  showCompany = true,
  loading = false,
  minWidth = 700,
  registry,
  empty,
}: {
  documents: RegistryDocument[];
  showCompany?: boolean;
  loading?: boolean;
  /** Below this width the table scrolls sideways; a narrow card column passes less and lets titles wrap. */
  minWidth?: number;
  registry?: RegistryTableOptions;
  /** What to show instead of "no documents yet" (e.g. "nothing found" when filters are on). */
  empty?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const types = useDocumentTypes();
  const typeName = (id: string) => types.data?.items.find((type) => type.id === id)?.name ?? "";
  const open = (id: string) => void navigate(`/documents/${id}`);
  const showResponsible = registry?.columns.includes("responsible") ?? false;
  const fieldColumns = registry ? registry.fields.filter((f) => registry.columns.includes(`field:${f.key}`)) : [];
  const allSelected =
    registry !== undefined && documents.length > 0 && documents.every((d) => registry.selected.has(d.id));
  const someSelected = registry !== undefined && documents.some((d) => registry.selected.has(d.id));
  const header = (key: DocumentSortKey | null, label: string) =>
    registry && key ? <SortableHeader sortKey={key} label={label} registry={registry} /> : <Table.Th>{label}</Table.Th>;
  return (
    <Paper withBorder>
      {documents.length > 0 && (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="documents-table">
            <Table.Thead>
              <Table.Tr>
                {registry && (
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t("registry.selectAll")}
                      checked={allSelected}
                      indeterminate={someSelected && !allSelected}
                      onChange={(e) =>
                        registry.onSelect(
                          documents.map((d) => d.id),
                          e.currentTarget.checked,
                        )
                      }
                    />
                  </Table.Th>
                )}
                {header("number", t("fields.number"))}
                {header("title", t("fields.title"))}
                {header(null, t("fields.type"))}
                {showCompany && header("company", t("fields.company"))}
                {header("status", t("fields.status"))}
                {showResponsible && header(null, t("fields.responsible"))}
                {fieldColumns.map((f) => header(null, f.label))}
                {header("createdAt", t("fields.date"))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.map((doc) => (
                <ClickableRow
                  key={doc.id}
                  onOpen={() => open(doc.id)}
                  data-testid="document-row"
                  data-number={doc.number}
                  aria-selected={registry ? registry.selected.has(doc.id) : undefined}
                >
                  {registry && (
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      <Checkbox
                        aria-label={t("registry.select", { number: doc.number })}
                        checked={registry.selected.has(doc.id)}
                        onChange={(e) => registry.onSelect([doc.id], e.currentTarget.checked)}
                      />
                    </Table.Td>
                  )}
                  <Table.Td fw={600} style={{ whiteSpace: "nowrap" }}>
                    <Anchor component={Link} to={`/documents/${doc.id}`} inherit>
                      {doc.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td py={4}>
                    <Group gap="sm" wrap="nowrap">
                      <DocumentThumbnail doc={doc} />
                      <Stack gap={2}>
                        <Group gap={6}>
                          <span>{doc.title}</span>
                          <DocumentStateBadge state={doc.state} />
                        </Group>
                        {doc.match && <MatchSnippet match={doc.match} />}
                      </Stack>
                    </Group>
                  </Table.Td>
                  <Table.Td>{typeName(doc.typeId)}</Table.Td>
                  {showCompany && (
                    <Table.Td>
                      <CompanyName id={doc.companyId} />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <StatusBadge name={doc.status.name} color={doc.status.color} size="sm" />
                  </Table.Td>
                  {showResponsible && (
                    <Table.Td>
                      <UserName id={doc.responsibleId} />
                    </Table.Td>
                  )}
                  {fieldColumns.map((f) => (
                    <Table.Td key={f.key} style={{ whiteSpace: "nowrap" }}>
                      <FieldValue field={f} value={doc.fields[f.key]} />
                    </Table.Td>
                  ))}
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(doc.createdAt, i18n.language)}</Table.Td>
                </ClickableRow>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {documents.length === 0 &&
        (loading ? (
          <Text c="dimmed" ta="center" p="lg">
            {t("common.loading")}
          </Text>
        ) : (
          (empty ?? (
            <Text c="dimmed" ta="center" p="lg">
              {t("documents.empty")}
            </Text>
          ))
        ))}
    </Paper>
  );
}

function SortableHeader({
  sortKey,
  label,
  registry,
}: {
  sortKey: DocumentSortKey;
  label: string;
  registry: RegistryTableOptions;
}) {
  const { t } = useTranslation();
  const active = registry.sort === sortKey || registry.sort === `-${sortKey}`;
  const descending = registry.sort.startsWith("-");
  const ariaSort = active ? (descending ? "descending" : "ascending") : "none";
  // A first click sorts ascending (dates: newest first); a second click turns it round.
  const next: DocumentSort = active
    ? descending
      ? sortKey
      : `-${sortKey}`
    : sortKey === "createdAt"
      ? "-createdAt"
      : sortKey;
  return (
    <Table.Th aria-sort={ariaSort}>
      <UnstyledButton
        onClick={() => registry.onSort(next)}
        fw={700}
        fz="sm"
        data-testid={`sort-${sortKey}`}
        title={t("registry.sortBy", { column: label })}
      >
        {label}
        <span aria-hidden="true" style={{ marginLeft: 4, opacity: active ? 1 : 0.35 }}>
          {active ? (descending ? "↓" : "↑") : "↕"}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}

/** The search hit in the file text or title, the matched words marked. */
export function MatchSnippet({ match }: { match: DocumentMatch }) {
  const parts: ReactNode[] = [];
  let at = 0;
  match.ranges.forEach(([start, end], i) => {
    if (start < at) return;
    parts.push(match.snippet.slice(at, start));
    parts.push(<mark key={i}>{match.snippet.slice(start, end)}</mark>);
    at = end;
  });
  parts.push(match.snippet.slice(at));
  return (
    <Text size="xs" c="dimmed" data-testid="match-snippet" style={{ maxWidth: 520 }}>
      {parts}
    </Text>
  );
}
