import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useDecide } from "../../api/approvals";
import { documentFileUrl } from "../../api/documents";
import type { Approval } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CompanyName } from "../../components/names";
import { formatDateTime } from "../../lib/format";
import { useNow } from "../../lib/useNow";
import { DecisionBadge } from "./DecisionBadge";
import { DecisionDialog, type CommentedDecision } from "./DecisionDialog";

/**
 * One approval task: what is asked (company, document number and version, amount, the file) and by when. A pending one
 * is decided from the card — approve in one tap, with remarks or reject through a dialog; a decided one shows the
 * decision. Fits a phone screen.
 */
export function ApprovalCard({ approval }: { approval: Approval }) {
  const { t, i18n } = useTranslation();
  const decide = useDecide();
  const now = useNow(60_000);
  const [dialog, setDialog] = useState<CommentedDecision | null>(null);
  const pending = approval.state === "pending";
  const overdue = pending && approval.dueAt !== null && Date.parse(approval.dueAt) < now;

  return (
    <Card withBorder padding="md" data-testid="approval-card">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Anchor component={Link} to={`/items/${approval.itemId}`} fw={600}>
            {approval.item.title || t("approvals.untitled")}
          </Anchor>
          {approval.round > 1 && (
            <Badge variant="outline" color="gray" data-testid="card-round">
              {t("rounds.round", { n: approval.round })}
            </Badge>
          )}
        </Group>
        {approval.actingFor && (
          <Badge variant="light" color="violet" data-testid="acting-for">
            {t("approvals.actingFor", { name: approval.actingFor.name })}
          </Badge>
        )}
        {approval.company && (
          <Text size="sm" data-testid="card-company">
            <CompanyName id={approval.company.id} name={approval.company.name} />
          </Text>
        )}
        {approval.documents.map((doc) => (
          <Stack gap={0} key={doc.id} data-testid="card-document">
            <Text size="sm">
              <Anchor component={Link} to={`/documents/${doc.id}`} fw={600}>
                {doc.number || doc.title}
              </Anchor>{" "}
              · {t("rounds.version", { n: doc.version })}
            </Text>
            {doc.amount !== null && (
              <Text size="sm" data-testid="card-amount">
                {t("rounds.amount", {
                  amount: doc.amount.toLocaleString(i18n.language, { minimumFractionDigits: 2 }),
                })}
              </Text>
            )}
            <Anchor
              size="sm"
              href={documentFileUrl(doc.id, doc.version, true)}
              target="_blank"
              rel="noopener"
              data-testid="card-file"
              style={{ overflowWrap: "anywhere" }}
            >
              {doc.fileName}
            </Anchor>
          </Stack>
        ))}
        <Text size="xs" c="dimmed">
          {t("approvals.requestedAt", { at: formatDateTime(approval.requestedAt, i18n.language) })}
          {approval.mode !== "any" && ` · ${t(`rounds.modes.${approval.mode}`)}`}
        </Text>
        {pending && approval.dueAt && (
          <Text size="sm" c={overdue ? "red.8" : undefined} fw={overdue ? 700 : undefined} data-testid="card-due">
            {t("rounds.due", { at: formatDateTime(approval.dueAt, i18n.language) })}
          </Text>
        )}
        {pending ? (
          <>
            <ErrorAlert error={decide.error} />
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
              <Button
                color="green"
                size="md"
                loading={decide.isPending && decide.variables?.decision === "approve"}
                onClick={() => decide.mutate({ id: approval.id, decision: "approve" })}
              >
                {t("approvals.approve")}
              </Button>
              <Button color="teal" variant="light" size="md" onClick={() => setDialog("approveWithRemarks")}>
                {t("rounds.withRemarks")}
              </Button>
              <Button color="red" variant="light" size="md" onClick={() => setDialog("reject")}>
                {t("approvals.reject")}
              </Button>
            </SimpleGrid>
          </>
        ) : (
          <Stack gap={4} data-testid="card-decision">
            <Group gap="xs">
              <DecisionBadge decision={approval.decision} state={approval.state} />
              <Text size="xs" c="dimmed">
                {formatDateTime(approval.decidedAt, i18n.language)}
                {approval.onBehalfOf && ` · ${t("rounds.onBehalfOf", { name: approval.onBehalfOf.name })}`}
              </Text>
            </Group>
            {approval.comment && (
              <Text size="sm" fs="italic">
                «{approval.comment}»
              </Text>
            )}
          </Stack>
        )}
      </Stack>
      {dialog && <DecisionDialog approval={approval} decision={dialog} onClose={() => setDialog(null)} />}
    </Card>
  );
}
