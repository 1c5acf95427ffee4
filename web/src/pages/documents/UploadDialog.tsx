import "@mantine/dropzone/styles.css";
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useCompanyItems } from "../../api/companies";
import { uploadDocument, useDocumentTypes } from "../../api/documents";
import type { DocketDocument } from "../../api/types";
import { CustomFieldInputs } from "../../components/CustomFields";
import { errorText } from "../../components/ErrorAlert";
import { CompanyPicker, UserPicker } from "../../components/pickers";
import { StatusBadge } from "../../components/StatusBadge";
import { UploadIcon } from "../../components/icons";
import { errorsUnder, useFieldErrors, wordedFieldErrors } from "../../lib/fieldErrors";
import { useFileSize } from "../../lib/useFileSize";

interface Props {
  opened: boolean;
  onClose: () => void;
  companyId?: string | null;
  itemId?: string;
  /** The type chosen when the dialog opens (the process item's documents' type). */
  typeId?: string | null;
  onUploaded?: (doc: DocketDocument) => void;
}

/** One chosen file: registered on its own, with its own title, progress, number or refusal. */
interface Entry {
  key: number;
  file: File;
  title: string;
  progress: number | null;
  doc: DocketDocument | null;
  error: unknown;
}

let nextKey = 0;
const entryOf = (file: File): Entry => ({
  key: nextKey++,
  file,
  title: file.name.replace(/\.[^.]+$/, ""),
  progress: null,
  doc: null,
  error: null,
});

/**
 * Uploads one file or several at once: the type, company, responsible, item and custom fields are shared, each file is
 * registered on its own (its own number) one after another, and a file the server refuses says why without stopping
 * the others; «Повторить» sends only the refused ones again.
 */
export function UploadDialog({ opened, onClose, companyId = null, itemId, typeId: preset = null, onUploaded }: Props) {
  const { t, i18n } = useTranslation();
  const fileSize = useFileSize();
  const client = useQueryClient();
  const types = useDocumentTypes();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [typeId, setTypeId] = useState<string | null>(preset);
  const [company, setCompany] = useState<string | null>(companyId);
  const [responsible, setResponsible] = useState<string | null>(null);
  const [linkedItem, setLinkedItem] = useState<string | null>(itemId ?? null);
  const [fields, setFields] = useState<Record<string, unknown>>({});
  const [sending, setSending] = useState(false);
  const type = types.data?.items.find((candidate) => candidate.id === typeId);
  const formRef = useRef<HTMLFormElement>(null);
  const firstError = entries.find((entry) => entry.error)?.error ?? null;
  const errors = useFieldErrors(firstError, formRef);
  const update = (key: number, change: Partial<Entry>) =>
    setEntries((list) => list.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  const pending = entries.filter((entry) => !entry.doc);
  const exists = (key: string) => i18n.exists(key);
  // A refusal of the file itself (empty, too large) in its own words; one of the shared fields is shown beside it.
  const fileErrorText = (error: unknown) => wordedFieldErrors(error, t, exists).file ?? errorText(error, t, exists);
  const allDone = entries.length > 0 && pending.length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!typeId || pending.length === 0) return;
    setSending(true);
    // One at a time: numbers follow the order of the list, and one slow file does not starve the others.
    for (const entry of pending) {
      update(entry.key, { progress: 0, error: null });
      try {
        const doc = await uploadDocument(
          {
            file: entry.file,
            typeId,
            title: entry.title.trim() || undefined,
            companyId: company,
            responsibleId: responsible,
            fields,
            itemId: linkedItem ?? undefined,
          },
          (progress) => update(entry.key, { progress }),
        );
        update(entry.key, { doc, progress: 1 });
        onUploaded?.(doc);
      } catch (error) {
        update(entry.key, { error, progress: null });
      }
    }
    setSending(false);
    await client.invalidateQueries({ queryKey: ["documents"] });
    await client.invalidateQueries({ queryKey: ["item"] });
    await client.invalidateQueries({ queryKey: ["items"] }); // a kanban card shows its first document's number
    await client.invalidateQueries({ queryKey: ["drive"] });
  };

  if (allDone && entries.length === 1 && entries[0]?.doc)
    return (
      <Modal opened={opened} onClose={onClose} title={t("documents.uploadTitle")} size="lg">
        <UploadResult doc={entries[0].doc} onClose={onClose} />
      </Modal>
    );

  return (
    <Modal opened={opened} onClose={onClose} title={t("documents.uploadTitle")} size="lg">
      <form ref={formRef} onSubmit={(e) => void submit(e)}>
        <Stack>
          {!allDone && (
            <Dropzone
              onDrop={(files) => setEntries((list) => [...list, ...files.map(entryOf)])}
              multiple
              // The classic file input, not the File System Access picker: one path for mouse and keyboard, and one
              // that browser automation can drive.
              useFsAccessApi={false}
              // react-dropzone marks its root "presentation", but the root is the focusable control that opens the
              // file chooser on Enter/Space, so screen readers must hear a button. Its file input stays out of the
              // accessibility tree (display: none; opened by the root) so it is not a second button nested in this one.
              role="button"
              aria-label={t("documents.dropHint")}
              inputProps={{ style: { display: "none" } }}
              disabled={sending}
              data-testid="dropzone"
            >
              <Group justify="center" gap="md" mih={90} style={{ pointerEvents: "none" }}>
                <UploadIcon />
                <div>
                  <Text fw={500}>{t("documents.dropHint")}</Text>
                  <Text size="sm" c="dimmed">
                    {t("documents.dropSubHint")}
                  </Text>
                </div>
              </Group>
            </Dropzone>
          )}
          {entries.length > 0 && (
            <Stack gap="xs" data-testid="upload-files">
              {entries.map((entry) => (
                <Paper withBorder p="xs" key={entry.key} data-testid="upload-file" data-file={entry.file.name}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={500} truncate>
                      {entry.file.name}{" "}
                      <Text span c="dimmed" size="sm">
                        {fileSize(entry.file.size)}
                      </Text>
                    </Text>
                    {entry.doc ? (
                      <Anchor component={Link} to={`/documents/${entry.doc.id}`} fw={700} data-testid="upload-number">
                        {entry.doc.number}
                      </Anchor>
                    ) : (
                      !sending && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t("documents.removeFile", { name: entry.file.name })}
                          onClick={() => setEntries((list) => list.filter((other) => other.key !== entry.key))}
                        >
                          ×
                        </ActionIcon>
                      )
                    )}
                  </Group>
                  {!entry.doc && (
                    <TextInput
                      mt={4}
                      size="xs"
                      label={t("fields.title")}
                      value={entry.title}
                      disabled={sending}
                      onChange={(e) => update(entry.key, { title: e.currentTarget.value })}
                    />
                  )}
                  {entry.progress !== null && !entry.doc && (
                    <Progress
                      mt={4}
                      value={entry.progress * 100}
                      animated={entry.progress < 1}
                      aria-label={t("documents.progressOf", { name: entry.file.name })}
                    />
                  )}
                  {entry.error !== null && (
                    <Text size="sm" c="red" role="alert" mt={4} data-testid="upload-file-error">
                      {fileErrorText(entry.error)}
                    </Text>
                  )}
                </Paper>
              ))}
            </Stack>
          )}
          {!allDone && (
            <>
              <Select
                label={t("fields.type")}
                required
                data={(types.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
                value={typeId}
                onChange={(value) => {
                  setTypeId(value);
                  setFields({});
                }}
                error={errors.typeId}
                data-testid="upload-type"
              />
              <CompanyPicker value={company} onChange={setCompany} />
              <UserPicker value={responsible} onChange={setResponsible} />
              {!itemId && company && (
                <CompanyItemPicker companyId={company} value={linkedItem} onChange={setLinkedItem} />
              )}
              {type && (
                <CustomFieldInputs
                  fields={type.fields}
                  values={fields}
                  onChange={setFields}
                  errors={errorsUnder(errors, "fields")}
                />
              )}
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {allDone ? t("common.close") : t("common.cancel")}
            </Button>
            {!allDone && (
              <Button type="submit" loading={sending} disabled={pending.length === 0 || !typeId}>
                {entries.some((entry) => entry.error)
                  ? t("documents.retryFailed")
                  : t("documents.uploadCount", { count: pending.length })}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Links the upload to one of the company's process items (e.g. the deal the contract belongs to). */
function CompanyItemPicker({
  companyId,
  value,
  onChange,
}: {
  companyId: string;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const items = useCompanyItems(companyId);
  const options = (items.data ?? []).map((item) => ({ value: item.id, label: `${item.title} · ${item.stage.name}` }));
  if (options.length === 0) return null;
  return (
    <Select
      label={t("documents.linkToItem")}
      clearable
      data={options}
      value={value}
      onChange={onChange}
      data-testid="upload-item"
    />
  );
}

function UploadResult({ doc, onClose }: { doc: DocketDocument; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="upload-result">
      <Text>{t("documents.registered")}</Text>
      <Group>
        <Text fw={700} size="xl" data-testid="upload-number">
          {doc.number}
        </Text>
        <StatusBadge name={doc.status.name} color={doc.status.color} />
      </Group>
      <Text size="sm">
        {t("documents.filedIn")}{" "}
        <Anchor component={Link} to={`/drive?path=${encodeURIComponent(doc.folder.path)}`} onClick={onClose}>
          {doc.folder.path}
        </Anchor>
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.close")}
        </Button>
        <Button component={Link} to={`/documents/${doc.id}`} onClick={onClose}>
          {t("documents.open")}
        </Button>
      </Group>
    </Stack>
  );
}
