import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { withQuery } from "../../api/client";
import type { DocumentType } from "../../api/types";
import { DayInput } from "../../components/DayInput";

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** The problem with a period, in the words of the server's codes (journal_period_invalid / _too_long), or null. */
function periodProblem(from: string, to: string): "journal_period_invalid" | "journal_period_too_long" | null {
  if (!from || !to || from > to) return "journal_period_invalid";
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_DAYS) return "journal_period_too_long";
  return null;
}

/** Picks a period and downloads the registration journal of one document type as PDF or Excel. */
export function JournalDialog({ type, onClose }: { type: DocumentType; onClose: () => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => `${today().slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const problem = periodProblem(from, to);
  const href = (format: "pdf" | "xlsx") => withQuery(`/api/document-types/${type.id}/journal`, { from, to, format });
  const download = (format: "pdf" | "xlsx", label: string) => (
    <Button
      component="a"
      href={problem ? undefined : href(format)}
      download
      disabled={!!problem}
      data-testid={`journal-${format}`}
    >
      {label}
    </Button>
  );
  return (
    <Modal opened onClose={onClose} title={t("registryExport.journalTitle", { type: type.name })}>
      <Stack>
        <Text size="sm">{t("registryExport.journalHint")}</Text>
        <Group grow>
          <DayInput label={t("registryExport.from")} value={from} onValueChange={setFrom} />
          <DayInput label={t("registryExport.to")} value={to} onValueChange={setTo} />
        </Group>
        {problem && (
          <Alert color="red" role="alert">
            {t(`errors.${problem}`)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.close")}
          </Button>
          {download("pdf", t("registryExport.pdf"))}
          {download("xlsx", t("registryExport.excel"))}
        </Group>
      </Stack>
    </Modal>
  );
}
