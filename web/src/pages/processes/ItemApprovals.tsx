import type { ApprovalRound } from "@docket/common";
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Timeline, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { approvalSheetUrl, useItemApprovals } from "../../api/approvals";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../lib/format";
import { DecisionBadge } from "../approvals/DecisionBadge";

/**
 * The item's approval rounds as a timeline: each round with the document versions it asked about and every approver's
 * decision, and the approval sheet to download (per round when there are several). Hidden until the first round.
 */
export function ItemApprovals({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const approvals = useItemApprovals(itemId);
  const rounds = approvals.data?.rounds ?? [];
  if (!approvals.error && rounds.length === 0) return null;
  return (
    <Paper withBorder p="md" data-testid="item-approvals">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t("rounds.title")}
        </Title>
        {rounds.length === 1 && (
          <Button component="a" href={approvalSheetUrl(itemId)} download size="xs" variant="light">
            {t("rounds.sheet")}
          </Button>
        )}
      </Group>
      <ErrorAlert error={approvals.error} />
      <Timeline bulletSize={26} lineWidth={2} active={rounds.length - 1}>
        {rounds.map((round) => (
          <Timeline.Item key={round.round} bullet={<Text size="xs">{round.round}</Text>}>
            <RoundView itemId={itemId} round={round} withSheet={rounds.length > 1} />
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

const OUTCOME_COLOURS = { approved: "green", rejected: "red", running: "blue" } as const;

function RoundView({ itemId, round, withSheet }: { itemId: string; round: ApprovalRound; withSheet: boolean }) {
  const { t, i18n } = useTranslation();
  const outcome = round.outcome ?? "running";
  return (
    <Stack gap="xs" data-testid="approval-round" data-round={round.round}>
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <Title order={3} size="h5">
            {t("rounds.round", { n: round.round })}
          </Title>
          <Badge variant="light" color={OUTCOME_COLOURS[outcome]} data-testid="round-outcome">
            {t(`rounds.outcomes.${outcome}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`rounds.modes.${round.mode}`)}
          </Text>
        </Group>
        {withSheet && (
          <Button component="a" href={approvalSheetUrl(itemId, round.round)} download size="compact-xs" variant="light">
            {t("rounds.sheetOfRound", { n: round.round })}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t("rounds.started", { at: formatDateTime(round.startedAt, i18n.language) })}
        {round.finishedAt && ` · ${t("rounds.finished", { at: formatDateTime(round.finishedAt, i18n.language) })}`}
      </Text>
      {round.documents.length > 0 && (
        <Stack gap={2} data-testid="round-documents">
          {round.documents.map((doc) => (
            <Text size="sm" key={doc.id}>
              <Anchor component={Link} to={`/documents/${doc.id}`}>
                {doc.number || doc.title}
              </Anchor>{" "}
              · {t("rounds.version", { n: doc.version })}
            </Text>
          ))}
        </Stack>
      )}
      <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
        {round.tasks.map((task) => (
          <li key={task.id} data-testid="round-task">
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {task.approver.name}
              </Text>
              {task.onBehalfOf && (
                <Text size="xs" c="dimmed" data-testid="on-behalf-of">
                  {t("rounds.onBehalfOf", { name: task.onBehalfOf.name })}
                </Text>
              )}
              <DecisionBadge decision={task.decision} state={task.state} />
            </Group>
            {task.decision === "carried" && (
              <Text size="xs" c="dimmed">
                {t("rounds.carriedHint")}
              </Text>
            )}
            {task.comment && (
              <Text size="sm" fs="italic" data-testid="task-comment">
                «{task.comment}»
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {[
                task.dueAt && t("rounds.due", { at: formatDateTime(task.dueAt, i18n.language) }),
                task.decidedAt && t("rounds.decided", { at: formatDateTime(task.decidedAt, i18n.language) }),
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
