import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { withQuery } from "../../api/client";
import type { DocumentType } from "../../api/types";

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
  return (
    <Modal opened onClose={onClose} title={t("registryExport.journalTitle", { type: type.name })}>
      <Stack>
        <Text size="sm">{t("registryExport.journalHint")}</Text>
        <Group grow>
          <TextInput
            type="date"
            label={t("registryExport.from")}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("registryExport.to")}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
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
          <Button
            component="a"
            href={problem ? undefined : href("pdf")}
            download
            disabled={!!problem}
            data-testid="journal-pdf"
          >
            {t("registryExport.pdf")}
          </Button>
          <Button
            component="a"
            href={problem ? undefined : href("xlsx")}
            download
            disabled={!!problem}
            data-testid="journal-xlsx"
          >
            {t("registryExport.excel")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
