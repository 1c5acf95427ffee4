import { Anchor, Badge, Button, Grid, Group, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useApprovals } from "../../api/approvals";
import { useDocuments } from "../../api/documents";
import { useItem, useItemHistory, useProcess } from "../../api/processes";
import { RecordError } from "../errors/NotFoundPage";
import { CompanyName, UserName } from "../../components/names";
import { StatusBadge } from "../../components/StatusBadge";
import { DocumentsTable } from "../../components/DocumentsTable";
import { formatDateTime, formatDuration } from "../../lib/format";
import { useNow } from "../../lib/useNow";
import { ApprovalCard } from "../approvals/ApprovalCard";
import { CommentsAndHistory, Field, Section } from "../documents/DocumentPage";
import { ItemApprovals } from "./ItemApprovals";
import { GenerateFromTemplate } from "./GenerateFromTemplate";
import { ItemEditModal } from "./ItemEditModal";
import { ItemProcessVersion } from "./ItemProcessVersion";
import { ItemUploadDialog } from "./ItemUploadDialog";
import { ItemFieldsView } from "./ItemFields";
import { useMoveItem } from "./useMoveItem";
import { personMayMove } from "@docket/common/stage-rules";

export default function ItemPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const item = useItem(id);
  const process = useProcess(item.data?.processId);
  const history = useItemHistory(id);
  const documents = useDocuments({ itemId: id });
  const approvals = useApprovals("pending");
  const move = useMoveItem(item.data?.processId ?? "", process.data?.stages ?? []);
  const now = useNow(60_000);
  const [uploading, setUploading] = useState(false);
  const [editing, setEditing] = useState(false);

  if (item.error) return <RecordError error={item.error} what="item" />;
  if (!item.data) return null;
  const it = item.data;
  const stages = process.data?.stages ?? [];
  const currentStage = stages.find((s) => s.code === it.stage.code);
  const myApprovals = (approvals.data?.items ?? []).filter((a) => a.itemId === id);
  const units = { d: t("time.d"), h: t("time.h"), m: t("time.m") };

  return (
    <Stack>
      <Anchor component={Link} to={`/processes/${it.processId}`} size="sm">
        ← {process.data?.name ?? t("processes.title")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={1} size="h2">
            {it.title}
          </Title>
          <StatusBadge name={it.stage.name} color={it.stage.color} size="lg" />
          {it.overdue && (
            <Badge color="red" size="lg" data-testid="item-overdue">
              {t("kanban.overdue")}
            </Badge>
          )}
        </Group>
        <Group>
          <Button variant="default" onClick={() => setEditing(true)}>
            {t("common.edit")}
          </Button>
          <Select
            aria-label={t("kanban.moveTo")}
            placeholder={t("kanban.moveTo")}
            data={stages
              .filter((s) => s.code !== it.stage.code && personMayMove(currentStage, s.code))
              .map((s) => ({ value: s.code, label: s.name }))}
            value={null}
            onChange={(code) => {
              const stage = stages.find((s) => s.code === code);
              if (stage) void move(it, stage, it.stage.semantics !== "process");
            }}
            w={220}
          />
        </Group>
      </Group>
      {myApprovals.map((approval) => (
        <ApprovalCard key={approval.id} approval={approval} />
      ))}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Section title={t("documents.details")}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Field label={t("fields.company")}>
                  <CompanyName id={it.companyId} />
                </Field>
                <Field label={t("fields.responsible")}>
                  <UserName id={it.responsibleId} />
                </Field>
                <Field label={t("fields.initiator")}>
                  <UserName id={it.initiatorId} />
                </Field>
                <Field label={t("fields.observers")}>
                  {it.observerIds.length === 0
                    ? "—"
                    : it.observerIds.map((observer, i) => (
                        <span key={observer}>
                          {i > 0 && ", "}
                          <UserName id={observer} />
                        </span>
                      ))}
                </Field>
                <Field label={t("kanban.timeInStage")}>
                  {formatDuration(now - Date.parse(it.stageEnteredAt), units)}
                </Field>
                {it.dueAt && (
                  <Field label={t("myWork.due")}>
                    <Text span c={it.overdue ? "red.7" : undefined} fw={it.overdue ? 700 : undefined}>
                      {formatDateTime(it.dueAt, i18n.language)}
                    </Text>
                  </Field>
                )}
                <Field label={t("fields.date")}>{formatDateTime(it.createdAt, i18n.language)}</Field>
                <Field label={t("rounds.moveVersion.field")}>
                  <ItemProcessVersion item={it} />
                </Field>
              </SimpleGrid>
            </Section>
            <Section title={t("processes.fields")}>
              <ItemFieldsView fields={it.fields} />
            </Section>
            <Section title={t("documents.title")}>
              <Group justify="flex-end" mb="sm">
                <GenerateFromTemplate itemId={id} />
                <Button size="xs" onClick={() => setUploading(true)}>
                  {t("documents.upload")}
                </Button>
              </Group>
              <DocumentsTable
                documents={documents.data?.pages.flatMap((p) => p.items) ?? []}
                showCompany={false}
                loading={documents.isPending}
                minWidth={480}
              />
            </Section>
            <ItemApprovals itemId={id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <CommentsAndHistory target={{ kind: "item", id }} history={history} />
          </Stack>
        </Grid.Col>
      </Grid>
      {uploading && <ItemUploadDialog item={it} onClose={() => setUploading(false)} />}
      {editing && <ItemEditModal item={it} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
