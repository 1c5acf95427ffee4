import { Button, Select, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useGenerateDocument, useTemplates } from "../../api/templates";
import { FormModal } from "../../components/FormModal";

/** «Создать по шаблону» on the item card: the new, numbered document appears among the item's documents. */
export function GenerateFromTemplate({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)}>
        {t("templates.generate")}
      </Button>
      {open && <GenerateModal itemId={itemId} onClose={() => setOpen(false)} />}
    </>
  );
}

function GenerateModal({ itemId, onClose }: { itemId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const templates = useTemplates();
  const generate = useGenerateDocument(itemId);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const list = templates.data?.items ?? [];
  const submit = () => {
    if (!templateId) return;
    generate.mutate({ templateId, title: title.trim() || undefined }, { onSuccess: onClose });
  };
  return (
    <FormModal
      onClose={onClose}
      title={t("templates.generate")}
      onSubmit={submit}
      error={templates.error ?? generate.error}
      saving={generate.isPending}
      disabled={!templateId}
      submitLabel={t("templates.generateSubmit")}
    >
      {templates.isSuccess && list.length === 0 ? (
        <Text c="dimmed">{t("templates.none")}</Text>
      ) : (
        <Select
          label={t("templates.template")}
          required
          data-autofocus
          searchable
          data={list.map((x) => ({ value: x.id, label: `${x.name} — ${x.typeName}` }))}
          value={templateId}
          onChange={setTemplateId}
        />
      )}
      <TextInput
        label={t("templates.documentTitle")}
        description={t("templates.documentTitleHint")}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
      />
    </FormModal>
  );
}
