import { Button, Group, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentMutations } from "../../api/documents";
import type { DocketDocument, DocumentType } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ManualStatusSelect } from "./ManualStatusSelect";

export function DocumentStatusForm({ doc, type }: { doc: DocketDocument; type: DocumentType | undefined }) {
  const { t } = useTranslation();
  const { setStatus } = useDocumentMutations(doc.id);
  const [status, setStatusValue] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  return (
    <Stack gap="xs">
      <ErrorAlert error={setStatus.error} />
      <Group align="flex-end" wrap="wrap">
        <ManualStatusSelect
          label={t("documents.changeStatus")}
          statuses={type?.statuses ?? []}
          except={doc.status.code}
          value={status}
          onChange={setStatusValue}
          data-testid="status-select"
        />
        <TextInput
          label={t("fields.comment")}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 160 }}
        />
        <Button
          disabled={!status}
          loading={setStatus.isPending}
          onClick={() =>
            status &&
            setStatus.mutate(
              { status, comment: comment.trim() || undefined },
              {
                onSuccess: () => {
                  setStatusValue(null);
                  setComment("");
                },
              },
            )
          }
        >
          {t("common.apply")}
        </Button>
      </Group>
    </Stack>
  );
}
