import type { DocumentTemplate } from "@docket/common";
import { TEMPLATE_PLACEHOLDERS } from "@docket/common";
import { Button, Code, FileInput, Group, Modal, Select, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentTypes } from "../../api/documents";
import { useDeleteTemplate, useTemplates, useUploadTemplate } from "../../api/templates";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FirstTextInput, FormModal } from "../../components/FormModal";
import { SettingsTable } from "./SettingsTable";

/** Settings → Templates: DOCX templates with placeholders, generated into documents from an item or by a robot. */
export default function TemplatesSettingsPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [uploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState<DocumentTemplate | null>(null);
  return (
    <>
      <SettingsTable
        title={t("templates.title")}
        newLabel={t("templates.upload")}
        onNew={() => setUploading(true)}
        error={templates.error}
        minWidth={700}
        headers={[t("fields.name"), t("templates.type"), t("templates.placeholders")]}
      >
        {(templates.data?.items ?? []).map((template) => (
          <Table.Tr key={template.id} data-testid="template-row">
            <Table.Td fw={500}>
              {template.name}
              <Text size="xs" c="dimmed">
                {template.fileName}
              </Text>
            </Table.Td>
            <Table.Td>{template.typeName}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {template.placeholders.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("templates.noPlaceholders")}
                  </Text>
                ) : (
                  template.placeholders.map((p) => <Code key={p}>{`{{${p}}}`}</Code>)
                )}
              </Group>
            </Table.Td>
            <Table.Td ta="right">
              <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(template)}>
                {t("common.remove")}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </SettingsTable>
      {uploading && <UploadTemplateModal onClose={() => setUploading(false)} />}
      {deleting && <DeleteTemplateModal template={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

function UploadTemplateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const types = useDocumentTypes();
  const upload = useUploadTemplate();
  const [name, setName] = useState("");
  const [typeId, setTypeId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const type = types.data?.items.find((x) => x.id === typeId);
  const allowed = [...TEMPLATE_PLACEHOLDERS, ...(type?.fields ?? []).map((f) => `fields.${f.key}`)];
  const submit = () => {
    if (!typeId || !file) return;
    upload.mutate({ name, typeId, file }, { onSuccess: onClose });
  };
  return (
    <FormModal
      onClose={onClose}
      title={t("templates.upload")}
      size="lg"
      onSubmit={submit}
      error={upload.error}
      errorTitle={t("templates.uploadFailed")}
      saving={upload.isPending}
      submitLabel={t("templates.uploadSubmit")}
    >
      <FirstTextInput label={t("fields.name")} value={name} onValueChange={setName} />
      <Select
        label={t("templates.type")}
        required
        data={(types.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        value={typeId}
        onChange={setTypeId}
      />
      <FileInput
        label={t("templates.file")}
        description={t("templates.fileHint", { example: "{{number}}" })}
        required
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        value={file}
        onChange={setFile}
        clearable
      />
      <div>
        <Text size="sm" fw={500}>
          {t("templates.allowed")}
        </Text>
        <Group gap={4} mt={4}>
          {allowed.map((p) => (
            <Code key={p}>{`{{${p}}}`}</Code>
          ))}
        </Group>
        {!type && (
          <Text size="xs" c="dimmed" mt={4}>
            {t("templates.fieldsHint", { example: "{{fields.…}}" })}
          </Text>
        )}
      </div>
    </FormModal>
  );
}

function DeleteTemplateModal({ template, onClose }: { template: DocumentTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteTemplate();
  return (
    <Modal opened onClose={onClose} title={t("templates.deleteTitle")}>
      <Stack>
        <ErrorAlert error={remove.error} />
        <Text>{t("templates.deleteConfirm", { name: template.name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate(template.id, { onSuccess: onClose })}
          >
            {t("common.remove")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
