import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMyWork } from "../../api/people";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../lib/format";
import { ApprovalCard } from "../approvals/ApprovalCard";

/** The start page of someone with pending work: their approvals (also those they decide as a deputy), then their items. */
export default function MyWorkPage() {
  const { t, i18n } = useTranslation();
  const work = useMyWork();
  const approvals = work.data?.approvals ?? [];
  const items = work.data?.items ?? [];
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t("myWork.title")}
      </Title>
      <ErrorAlert error={work.error} />
      <Title order={2} size="h4">
        {t("myWork.approvals")}
      </Title>
      {approvals.length === 0 && !work.isPending && <Text c="dimmed">{t("approvals.empty")}</Text>}
      {approvals.map((approval) => (
        <ApprovalCard key={approval.id} approval={approval} />
      ))}
      <Title order={2} size="h4">
        {t("myWork.items")}
      </Title>
      {items.length === 0 && !work.isPending && <Text c="dimmed">{t("myWork.noItems")}</Text>}
      {items.map((item) => (
        <Paper key={item.id} withBorder p="sm" data-testid="my-work-item" data-overdue={item.overdue ?? false}>
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={`/items/${item.id}`} fw={500}>
              {item.title}
            </Anchor>
            <Group gap="xs" wrap="nowrap">
              <Badge color={item.stage.color} variant="light">
                {item.stage.name}
              </Badge>
              {item.overdue && <Badge color="red">{t("kanban.overdue")}</Badge>}
            </Group>
          </Group>
          {item.dueAt && (
            <Text size="xs" c={item.overdue ? "red.7" : "dimmed"}>
              {t("myWork.dueAt", { at: formatDateTime(item.dueAt, i18n.language) })}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

export function useHasPendingWork(): boolean | null {
  const work = useMyWork();
  if (work.isPending) return null;
  return (work.data?.approvals.length ?? 0) > 0 || (work.data?.items.length ?? 0) > 0;
}
