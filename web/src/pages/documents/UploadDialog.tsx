import "@mantine/dropzone/styles.css";
import { Anchor, Button, Group, Modal, Progress, Select, Stack, Text, TextInput } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useCompanyItems } from "../../api/companies";
import { uploadDocument, useDocumentTypes } from "../../api/documents";
import type { DocketDocument } from "../../api/types";
import { CustomFieldInputs } from "../../components/CustomFields";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorsUnder, useFieldErrors } from "../../lib/fieldErrors";
import { CompanyPicker, UserPicker } from "../../components/pickers";
import { StatusBadge } from "../../components/StatusBadge";
import { UploadIcon } from "../../components/icons";
import { useFileSize } from "../../lib/useFileSize";
import { FormActions } from "../../components/FormActions";

interface Props {
  opened: boolean;
  onClose: () => void;
  companyId?: string | null;
  itemId?: string;
  onUploaded?: (doc: DocketDocument) => void;
}

export function UploadDialog({ opened, onClose, companyId = null, itemId, onUploaded }: Props) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  const client = useQueryClient();
  const types = useDocumentTypes();
  const [file, setFile] = useState<File | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [company, setCompany] = useState<string | null>(companyId);
  const [responsible, setResponsible] = useState<string | null>(null);
  const [linkedItem, setLinkedItem] = useState<string | null>(itemId ?? null);
  const [fields, setFields] = useState<Record<string, unknown>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<DocketDocument | null>(null);
  const type = types.data?.items.find((candidate) => candidate.id === typeId);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(error, formRef);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !typeId) return;
    setError(null);
    setProgress(0);
    try {
      const doc = await uploadDocument(
        {
          file,
          typeId,
          title: title.trim() || undefined,
          companyId: company,
          responsibleId: responsible,
          fields,
          itemId: linkedItem ?? undefined,
        },
        setProgress,
      );
      setDone(doc);
      onUploaded?.(doc);
      await client.invalidateQueries({ queryKey: ["documents"] });
      await client.invalidateQueries({ queryKey: ["item"] });
      await client.invalidateQueries({ queryKey: ["drive"] });
    } catch (e) {
      setError(e);
      setProgress(null);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t("documents.uploadTitle")} size="lg">
      {done ? (
        <UploadResult doc={done} onClose={onClose} />
      ) : (
        <form ref={formRef} onSubmit={(e) => void submit(e)}>
          <Stack>
            <ErrorAlert error={error} fieldsShown />
            <Dropzone
              onDrop={(files) => {
                const first = files[0] ?? null;
                setFile(first);
                if (first && !title) setTitle(first.name.replace(/\.[^.]+$/, ""));
              }}
              multiple={false}
              // The classic file input, not the File System Access picker: one path for mouse and keyboard, and one
              // that browser automation can drive.
              useFsAccessApi={false}
              // react-dropzone marks its root "presentation", but the root is the focusable control that opens the file
              // chooser on Enter/Space, so screen readers must hear a button. Its file input stays out of the
              // accessibility tree (display: none; opened by the root) so it is not a second button nested in this one.
              role="button"
              aria-label={t("documents.dropHint")}
              inputProps={{ style: { display: "none" } }}
              data-testid="dropzone"
            >
              <Group justify="center" gap="md" mih={110} style={{ pointerEvents: "none" }}>
                <UploadIcon />
                <div>
                  <Text fw={500}>{file ? file.name : t("documents.dropHint")}</Text>
                  <Text size="sm" c="dimmed">
                    {file ? fileSize(file.size) : t("documents.dropSubHint")}
                  </Text>
                </div>
              </Group>
            </Dropzone>
            <Select
              label={t("fields.type")}
              required
              data={(types.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
              value={typeId}
              onChange={(value) => {
                setTypeId(value);
                setFields({});
              }}
              data-testid="upload-type"
            />
            <TextInput label={t("fields.title")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
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
            {progress !== null && (
              <Progress value={progress * 100} animated={progress < 1} aria-label={t("documents.progress")} />
            )}
            <FormActions
              onCancel={onClose}
              saving={progress !== null}
              disabled={!file || !typeId}
              submitLabel={t("documents.upload")}
            />
          </Stack>
        </form>
      )}
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
