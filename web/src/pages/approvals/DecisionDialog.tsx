import { Modal, Stack, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDecide } from "../../api/approvals";
import type { Approval } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FormActions } from "../../components/FormActions";

export type CommentedDecision = "approveWithRemarks" | "reject";

/**
 * Approve with remarks or reject: both need a comment, which the initiator reads. Submitting without one says so at the
 * field instead of a silently disabled button. Full screen on a phone, so the keyboard leaves the field in view.
 */
export function DecisionDialog({
  approval,
  decision,
  onClose,
}: {
  approval: Approval;
  decision: CommentedDecision;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useDecide();
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const fullScreen = typeof window !== "undefined" && window.matchMedia?.("(max-width: 36em)").matches;

  return (
    <Modal opened onClose={onClose} title={t(`rounds.dialog.${decision}.title`)} fullScreen={fullScreen}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const text = comment.trim();
          if (!text) {
            setMissing(true);
            return;
          }
          decide.mutate({ id: approval.id, decision, comment: text }, { onSuccess: onClose });
        }}
      >
        <Stack>
          <ErrorAlert error={decide.error} />
          <Textarea
            label={t(`rounds.dialog.${decision}.label`)}
            description={t(`rounds.dialog.${decision}.hint`)}
            required
            autosize
            minRows={3}
            data-autofocus
            value={comment}
            error={missing ? t(`rounds.dialog.${decision}.missing`) : undefined}
            onChange={(e) => {
              setComment(e.currentTarget.value);
              if (e.currentTarget.value.trim()) setMissing(false);
            }}
          />
          <FormActions
            onCancel={onClose}
            saving={decide.isPending}
            color={decision === "reject" ? "red" : "teal"}
            submitLabel={t(`rounds.dialog.${decision}.submit`)}
          />
        </Stack>
      </form>
    </Modal>
  );
}
