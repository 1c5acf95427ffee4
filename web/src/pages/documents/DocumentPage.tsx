import { Anchor, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { documentFileUrl, useDocument, useDocumentHistory, useDocumentTypes } from "../../api/documents";
import { useItem } from "../../api/processes";
import type { CommentTarget } from "../../api/comments";
import type { DocketDocument, HistoryEntry } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { RecordError } from "../errors/NotFoundPage";
import { Comments } from "../../components/Comments";
import { HistoryTimeline } from "../../components/HistoryTimeline";
import { CompanyName, UserName } from "../../components/names";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDateTime } from "../../lib/format";
import { FieldValue } from "../../components/FieldValue";
import { DocumentStateBadge } from "../../components/DocumentStateBadge";
import { DocumentEditModal } from "./DocumentEditModal";
import { DocumentStateActions, DocumentStateNotice } from "./DocumentStateActions";
import { DocumentRendition } from "./DocumentRendition";
import { DocumentStatusForm } from "./DocumentStatusForm";
import { DocumentVersions } from "./DocumentVersions";

export default function DocumentPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const doc = useDocument(id);
  const history = useDocumentHistory(id);
  const types = useDocumentTypes();
  const [editing, setEditing] = useState(false);

  if (doc.error) return <RecordError error={doc.error} what="document" />;
  if (!doc.data) return null;
  const d = doc.data;
  const type = types.data?.items.find((candidate) => candidate.id === d.typeId);

  return (
    <Stack>
      <Anchor component={Link} to="/documents" size="sm">
        ← {t("documents.title")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="document-number">
              {d.number}
            </Title>
            <StatusBadge name={d.status.name} color={d.status.color} size="lg" />
            <DocumentStateBadge state={d.state} size="lg" />
          </Group>
          <Text size="lg">{d.title}</Text>
        </div>
        <Group>
          <Button variant="default" onClick={() => setEditing(true)}>
            {t("common.edit")}
          </Button>
          <DocumentStateActions doc={d} />
          {d.file && (
            <Button component="a" href={documentFileUrl(d.id)} download>
              {t("documents.download")}
            </Button>
          )}
        </Group>
      </Group>
      <DocumentStateNotice doc={d} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Section title={t("documents.details")}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Field label={t("fields.type")}>{type?.name ?? "…"}</Field>
                <Field label={t("fields.company")}>
                  <CompanyName id={d.companyId} />
                </Field>
                <Field label={t("fields.responsible")}>
                  <UserName id={d.responsibleId} />
                </Field>
                <Field label={t("fields.folder")}>
                  <Anchor component={Link} to={`/drive?path=${encodeURIComponent(d.folder.path)}`}>
                    {d.folder.path}
                  </Anchor>
                </Field>
                <Field label={t("fields.createdBy")}>
                  <UserName id={d.createdBy} />
                </Field>
                <Field label={t("fields.date")}>{formatDateTime(d.createdAt, i18n.language)}</Field>
                {(type?.fields ?? []).map((field) => (
                  <Field key={field.key} label={field.label}>
                    <FieldValue field={field} value={d.fields[field.key]} />
                  </Field>
                ))}
              </SimpleGrid>
            </Section>
            <Section title={t("fields.status")}>
              <DocumentStatusForm doc={d} type={type} />
            </Section>
            {d.file && (
              <Section title={t("documents.preview")}>
                <DocumentRendition doc={d} file={d.file} />
              </Section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Section title={t("documents.versions")}>
              <DocumentVersions doc={d} />
            </Section>
            <LinkedItems doc={d} />
            <CommentsAndHistory target={{ kind: "document", id }} history={history} />
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && <DocumentEditModal doc={d} type={type} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function LinkedItems({ doc }: { doc: DocketDocument }) {
  const { t } = useTranslation();
  if (doc.itemIds.length === 0) return null;
  return (
    <Section title={t("documents.linkedItems")}>
      <Stack gap={4}>
        {doc.itemIds.map((itemId) => (
          <ItemLink key={itemId} id={itemId} />
        ))}
      </Stack>
    </Section>
  );
}

function ItemLink({ id }: { id: string }) {
  const item = useItem(id);
  return (
    <Group gap="xs">
      <Anchor component={Link} to={`/items/${id}`}>
        {item.data?.title ?? "…"}
      </Anchor>
      {item.data && <StatusBadge name={item.data.stage.name} color={item.data.stage.color} size="sm" />}
    </Group>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The comments on a document or an item and its history, the last sections of its page. */
export function CommentsAndHistory({
  target,
  history,
}: {
  target: CommentTarget;
  history: { error: unknown; data?: { items: HistoryEntry[] } };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Section title={t("comments.title")}>
        <Comments target={target} />
      </Section>
      <Section title={t("history.title")}>
        <ErrorAlert error={history.error} />
        <HistoryTimeline entries={history.data?.items ?? []} />
      </Section>
    </>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm">
        {children}
      </Text>
    </Stack>
  );
}
