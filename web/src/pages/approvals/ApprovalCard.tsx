import { Anchor, Badge, Button, Card, Modal, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useDecide } from "../../api/approvals";
import type { Approval } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../lib/format";
import { FormActions } from "../../components/FormActions";

/** One pending approval: approve in one tap, reject with a required comment. Fits a phone screen. */
export function ApprovalCard({ approval }: { approval: Approval }) {
  const { t, i18n } = useTranslation();
  const decide = useDecide();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState("");

  return (
    <Card withBorder padding="md" data-testid="approval-card">
      <Stack gap="xs">
        <Anchor component={Link} to={`/items/${approval.itemId}`} fw={600}>
          {approval.item.title || t("approvals.untitled")}
        </Anchor>
        {approval.actingFor && (
          <Badge variant="light" color="violet" data-testid="acting-for">
            {t("approvals.actingFor", { name: approval.actingFor.name })}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {t("approvals.requestedAt", { at: formatDateTime(approval.requestedAt, i18n.language) })}
          {approval.mode === "all" && ` · ${t("robots.modes.all")}`}
        </Text>
        <ErrorAlert error={decide.error} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <Button
            color="green"
            size="md"
            loading={decide.isPending && decide.variables?.decision === "approve"}
            onClick={() => decide.mutate({ id: approval.id, decision: "approve" })}
          >
            {t("approvals.approve")}
          </Button>
          <Button color="red" variant="light" size="md" onClick={() => setRejecting(true)}>
            {t("approvals.reject")}
          </Button>
        </SimpleGrid>
      </Stack>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={t("approvals.rejectTitle")}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            decide.mutate(
              { id: approval.id, decision: "reject", comment: comment.trim() },
              { onSuccess: () => setRejecting(false) },
            );
          }}
        >
          <Stack>
            <ErrorAlert error={decide.error} />
            <Textarea
              label={t("fields.comment")}
              description={t("approvals.commentRequired")}
              required
              autosize
              minRows={3}
              data-autofocus
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <FormActions
              onCancel={() => setRejecting(false)}
              saving={decide.isPending}
              disabled={comment.trim() === ""}
              color="red"
              submitLabel={t("approvals.reject")}
            />
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
