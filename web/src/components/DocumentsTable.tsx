import { Anchor, Group, Paper, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useDocumentTypes } from "../api/documents";
import type { DocketDocument } from "../api/types";
import { formatDate } from "../lib/format";
import { onRowClick } from "../lib/keyboard";
import { DocumentThumbnail } from "./DocumentThumbnail";
import { CompanyName } from "./names";
import { StatusBadge } from "./StatusBadge";

export function DocumentsTable({
  documents,
  showCompany = true,
  loading = false,
  minWidth = 700,
}: {
  documents: DocketDocument[];
  showCompany?: boolean;
  loading?: boolean;
  /** Below this width the table scrolls sideways; a narrow card column passes less and lets titles wrap. */
  minWidth?: number;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const types = useDocumentTypes();
  const typeName = (id: string) => types.data?.items.find((type) => type.id === id)?.name ?? "";
  const open = (id: string) => void navigate(`/documents/${id}`);
  return (
    <Paper withBorder>
      {documents.length > 0 && (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="documents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("fields.number")}</Table.Th>
                <Table.Th>{t("fields.title")}</Table.Th>
                <Table.Th>{t("fields.type")}</Table.Th>
                {showCompany && <Table.Th>{t("fields.company")}</Table.Th>}
                <Table.Th>{t("fields.status")}</Table.Th>
                <Table.Th>{t("fields.date")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.map((doc) => (
                <Table.Tr
                  key={doc.id}
                  className="clickable-row"
                  onClick={onRowClick(() => open(doc.id))}
                  data-testid="document-row"
                >
                  <Table.Td fw={600} style={{ whiteSpace: "nowrap" }}>
                    <Anchor component={Link} to={`/documents/${doc.id}`} inherit>
                      {doc.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td py={4}>
                    <Group gap="sm" wrap="nowrap">
                      <DocumentThumbnail doc={doc} />
                      <span>{doc.title}</span>
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
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(doc.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {documents.length === 0 && (
        <Text c="dimmed" ta="center" p="lg">
          {loading ? t("common.loading") : t("documents.empty")}
        </Text>
      )}
    </Paper>
  );
}
