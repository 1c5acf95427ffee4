import { Alert, Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useMoveItemToVersion, useProcessVersions } from "../../api/processes";
import type { Item } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FormActions } from "../../components/FormActions";
import { formatDateTime } from "../../lib/format";

/** The process version the item runs under; an admin may move it to another one. */
export function ItemProcessVersion({ item }: { item: Item }) {
  const { t } = useTranslation();
  const { isAdmin } = useAuth();
  const [moving, setMoving] = useState(false);
  return (
    <Group gap="xs">
      <Text span size="sm" data-testid="item-process-version">
        {item.processVersion}
      </Text>
      {isAdmin && (
        <Button size="compact-xs" variant="subtle" onClick={() => setMoving(true)}>
          {t("rounds.moveVersion.open")}
        </Button>
      )}
      {moving && <MoveVersionDialog item={item} onClose={() => setMoving(false)} />}
    </Group>
  );
}

function MoveVersionDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const versions = useProcessVersions(item.processId);
  const move = useMoveItemToVersion(item.id);
  const [version, setVersion] = useState<string | null>(null);
  const stageMissing = move.error instanceof ApiError && move.error.code === "stage_not_in_version";
  return (
    <Modal opened onClose={onClose} title={t("rounds.moveVersion.title")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (version) move.mutate(Number(version), { onSuccess: onClose });
        }}
      >
        <Stack>
          <Text size="sm">{t("rounds.moveVersion.hint", { version: item.processVersion })}</Text>
          {stageMissing ? (
            <Alert color="red" role="alert" title={t("common.error")} data-testid="error-alert">
              {t("rounds.moveVersion.stageMissing", { stage: item.stage.name, version: move.variables })}
            </Alert>
          ) : (
            <ErrorAlert error={move.error ?? versions.error} />
          )}
          <Select
            label={t("rounds.moveVersion.version")}
            required
            data-autofocus
            value={version}
            onChange={(value) => {
              setVersion(value);
              move.reset();
            }}
            data={(versions.data?.items ?? [])
              .filter((v) => v.version !== item.processVersion)
              .map((v) => ({
                value: String(v.version),
                label: t("rounds.moveVersion.option", {
                  n: v.version,
                  at: formatDateTime(v.createdAt, i18n.language),
                }),
              }))}
          />
          <FormActions
            onCancel={onClose}
            saving={move.isPending}
            disabled={!version}
            submitLabel={t("rounds.moveVersion.submit")}
          />
        </Stack>
      </form>
    </Modal>
  );
}
