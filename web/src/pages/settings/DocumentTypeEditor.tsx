import { Code, Divider, Modal, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  calendarParts,
  FOLDER_TOKENS,
  NUMBERING_TOKENS,
  renderFolderPath,
  renderNumber,
  tokensOf,
} from "@docket/common";
import { useDocumentType, useSaveDocumentType } from "../../api/documents";
import type { DocumentType, DocumentTypeInput, ResetPeriod } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFieldErrors } from "../../lib/fieldErrors";
import { AccessInput } from "./AccessInput";
import { CodeNameInputs } from "./CodeNameInputs";
import { FieldsEditor } from "./FieldsEditor";
import { StatusesEditor } from "./StatusesEditor";
import { FormActions } from "../../components/FormActions";
import { useDiscardGuard } from "../../components/useDiscardGuard";

const BLANK: DocumentTypeInput = {
  code: "",
  name: "",
  folder: "{type}/{yyyy}",
  numbering: { template: "{yyyy}-{n:4}", reset: "year" },
  statuses: [
    { code: "draft", name: "", color: "#868e96", initial: true },
    { code: "signed", name: "", color: "#40c057", final: true },
  ],
  fields: [],
  access: "all",
};

function toInput(type: DocumentType | null): DocumentTypeInput {
  if (!type) return BLANK;
  const { code, name, folder, numbering, statuses, fields, access } = type;
  return { code, name, folder, numbering, statuses, fields, access };
}

const COUNTER = /^n(?::\d{1,2})?$/;
const unknownTokens = (template: string, allowed: readonly string[]) =>
  tokensOf(template).filter((token) => !COUNTER.test(token) && !allowed.includes(token));

export function DocumentTypeEditor({ type, onClose }: { type: DocumentType | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveDocumentType();
  const [initial] = useState<DocumentTypeInput>(() => toInput(type));
  const [form, setForm] = useState<DocumentTypeInput>(initial);
  const guard = useDiscardGuard(JSON.stringify(form) !== JSON.stringify(initial), onClose);
  const set = (patch: Partial<DocumentTypeInput>) => setForm({ ...form, ...patch });
  const { timeZone } = useAuth();
  // What is saved keeps its code when renamed (documents and robots refer to it); anything new follows its name.
  const [savedCodes] = useState(() => ({
    type: new Set(type ? [type.code] : []),
    statuses: new Set(type?.statuses.map((s) => s.code)),
    fields: new Set(type?.fields.map((f) => f.key)),
  }));

  const current = useDocumentType(type?.id);

  // The server's counter for the current period; a changed reset period starts a counter of its own.
  const parts = calendarParts(new Date(), timeZone);
  const saved = current.data;
  const seq = !type ? 1 : !saved ? null : form.numbering.reset === saved.numbering.reset ? saved.nextSeq : 1;
  const badNumberTokens = unknownTokens(form.numbering.template, NUMBERING_TOKENS);
  const hasCounter = /\{n(?::\d{1,2})?\}/.test(form.numbering.template);
  const badFolderTokens = unknownTokens(form.folder, FOLDER_TOKENS);

  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(save.error, formRef);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: type?.id, body: form }, { onSuccess: onClose });
  };

  return (
    <Modal
      opened
      onClose={guard.requestClose}
      title={type ? t("settings.editType") : t("settings.newType")}
      size={1040}
    >
      <form onSubmit={submit} ref={formRef}>
        <Stack>
          {guard.prompt}
          <ErrorAlert error={save.error} fieldsShown />
          <CodeNameInputs value={form} onChange={set} errors={errors} saved={savedCodes.type} />
          <Divider label={t("settings.numbering")} labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("settings.numberTemplate")}
              description={t("settings.numberTokens")}
              required
              value={form.numbering.template}
              onChange={(e) => set({ numbering: { ...form.numbering, template: e.currentTarget.value } })}
              error={
                badNumberTokens.length > 0
                  ? t("settings.unknownTokens", { tokens: badNumberTokens.join(", ") })
                  : !hasCounter
                    ? t("settings.needsCounter")
                    : errors["numbering.template"]
              }
            />
            <Select
              label={t("settings.reset")}
              allowDeselect={false}
              data={(["never", "year", "month"] as ResetPeriod[]).map((r) => ({
                value: r,
                label: t(`settings.resets.${r}`),
              }))}
              value={form.numbering.reset}
              onChange={(reset) =>
                set({ numbering: { ...form.numbering, reset: (reset as ResetPeriod | null) ?? "never" } })
              }
            />
          </SimpleGrid>
          <Text size="sm">
            {t("settings.nextNumber")}:{" "}
            <Code fz="md" data-testid="number-preview">
              {seq === null ? "…" : renderNumber(form.numbering.template, parts, seq)}
            </Code>
          </Text>
          <TextInput
            label={t("settings.folderTemplate")}
            description={t("settings.folderTokens")}
            required
            value={form.folder}
            onChange={(e) => set({ folder: e.currentTarget.value })}
            error={
              badFolderTokens.length > 0
                ? t("settings.unknownTokens", { tokens: badFolderTokens.join(", ") })
                : errors.folder
            }
          />
          <Text size="sm">
            {t("settings.folderPreview")}:{" "}
            <Code>
              {renderFolderPath(form.folder, {
                ...parts,
                type: form.name || form.code,
                company: t("settings.sampleCompany"),
              })}
            </Code>
          </Text>
          <Divider label={t("settings.statuses")} labelPosition="left" />
          <StatusesEditor
            value={form.statuses}
            onChange={(statuses) => set({ statuses })}
            errors={errors}
            saved={savedCodes.statuses}
          />
          <Divider label={t("settings.fields")} labelPosition="left" />
          <FieldsEditor
            value={form.fields}
            onChange={(fields) => set({ fields })}
            errors={errors}
            saved={savedCodes.fields}
          />
          <AccessInput label={t("settings.access")} value={form.access} onChange={(access) => set({ access })} />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
