import { Alert, Button, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentStateActions } from "../../api/documents";
import type { DocketDocument } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FormActions } from "../../components/FormActions";
import { formatDateTime } from "../../lib/format";

type Confirming = "cancel" | "archive" | null;

/** «Отменить номер», «В архив» and (administrators) «Восстановить», each confirmed, cancel with a reason. */
export function DocumentStateActions({ doc }: { doc: DocketDocument }) {
  const { t } = useTranslation();
  const { isAdmin } = useAuth();
  const actions = useDocumentStateActions(doc.id);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [reason, setReason] = useState("");
  const close = () => {
    setConfirming(null);
    setReason("");
    actions.cancel.reset();
    actions.archive.reset();
  };
  if (doc.state === "archived")
    return isAdmin ? (
      <Button variant="default" loading={actions.restore.isPending} onClick={() => actions.restore.mutate()}>
        {t("registry.actions.restore")}
      </Button>
    ) : null;
  const mutation = confirming === "cancel" ? actions.cancel : actions.archive;
  return (
    <>
      {doc.state !== "cancelled" && (
        <Button variant="default" color="red" onClick={() => setConfirming("cancel")}>
          {t("registry.actions.cancel")}
        </Button>
      )}
      <Button variant="default" onClick={() => setConfirming("archive")}>
        {t("registry.actions.archive")}
      </Button>
      <ErrorAlert error={actions.restore.error} />
      {confirming && (
        <Modal
          opened
          onClose={close}
          title={t(confirming === "cancel" ? "registry.actions.cancelTitle" : "registry.actions.archiveTitle", {
            number: doc.number,
          })}
        >
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (confirming === "cancel") {
                if (reason.trim()) actions.cancel.mutate(reason.trim(), { onSuccess: close });
              } else actions.archive.mutate(reason.trim() || null, { onSuccess: close });
            }}
          >
            <Stack>
              <Text size="sm">
                {t(confirming === "cancel" ? "registry.actions.cancelExplain" : "registry.actions.archiveExplain")}
              </Text>
              <Textarea
                label={t(confirming === "cancel" ? "registry.actions.reason" : "registry.actions.reasonOptional")}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                required={confirming === "cancel"}
                autosize
                minRows={2}
                data-autofocus
              />
              <ErrorAlert error={mutation.error} />
              <FormActions
                onCancel={close}
                saving={mutation.isPending}
                disabled={confirming === "cancel" && !reason.trim()}
                color={confirming === "cancel" ? "red" : undefined}
                submitLabel={t(
                  confirming === "cancel" ? "registry.actions.cancelConfirm" : "registry.actions.archiveConfirm",
                )}
              />
            </Stack>
          </form>
        </Modal>
      )}
    </>
  );
}

/** What a reserved, cancelled or archived state means for this document, under its title. */
export function DocumentStateNotice({ doc }: { doc: DocketDocument }) {
  const { t, i18n } = useTranslation();
  if (doc.state === "active") return null;
  const colour = doc.state === "cancelled" ? "red" : doc.state === "reserved" ? "blue" : "gray";
  return (
    <Alert color={colour} title={t(`registry.state.${doc.state}`)} data-testid="state-notice">
      {t(`registry.stateExplain.${doc.state}`)}
      {doc.cancellation && (
        <Text size="sm" mt={4}>
          {t("registry.cancelledBecause", {
            at: formatDateTime(doc.cancellation.at, i18n.language),
            reason: doc.cancellation.reason,
          })}
        </Text>
      )}
    </Alert>
  );
}
