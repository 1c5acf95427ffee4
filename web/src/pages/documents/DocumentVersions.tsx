import { Anchor, Button, FileButton, Group, Progress, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { documentFileUrl, uploadVersion, useDocumentMutations } from "../../api/documents";
import type { DocketDocument } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFileSize } from "../../lib/useFileSize";

/** Every version is downloadable by its number; the newest is the document's current file. */
export function DocumentVersions({ doc }: { doc: DocketDocument }) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  const { refresh } = useDocumentMutations(doc.id);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = doc.file;
  const versions = current ? Array.from({ length: current.version }, (_, i) => current.version - i) : [];

  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      await refresh(await uploadVersion(doc.id, file, setProgress));
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack gap="xs">
      <ErrorAlert error={error} />
      {versions.map((version) => (
        <Group key={version} justify="space-between">
          <Anchor href={documentFileUrl(doc.id, version)} download>
            {t("documents.version", { version })}
            {version === current?.version && ` — ${current.name}`}
          </Anchor>
          {version === current?.version && (
            <Text size="xs" c="dimmed">
              {fileSize(current.size)}
            </Text>
          )}
        </Group>
      ))}
      {progress !== null && <Progress value={progress * 100} animated aria-label={t("documents.progress")} />}
      <FileButton onChange={(file) => void upload(file)}>
        {(props) => (
          <Button {...props} variant="light" size="xs" loading={progress !== null}>
            {t("documents.newVersion")}
          </Button>
        )}
      </FileButton>
    </Stack>
  );
}
