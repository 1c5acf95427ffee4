import { TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentMutations } from "../../api/documents";
import type { DocketDocument, DocumentType } from "../../api/types";
import { CustomFieldInputs } from "../../components/CustomFields";
import { errorsUnder, useFieldErrors } from "../../lib/fieldErrors";
import { CompanyPicker, UserPicker } from "../../components/pickers";
import { FormModal } from "../../components/FormModal";

export function DocumentEditModal({
  doc,
  type,
  onClose,
}: {
  doc: DocketDocument;
  type: DocumentType | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { update } = useDocumentMutations(doc.id);
  const [title, setTitle] = useState(doc.title);
  const [companyId, setCompanyId] = useState(doc.companyId);
  const [responsibleId, setResponsibleId] = useState(doc.responsibleId);
  const [fields, setFields] = useState(doc.fields);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(update.error, formRef);

  const submit = () => {
    update.mutate({ title, companyId, responsibleId, fields }, { onSuccess: onClose });
  };

  return (
    <FormModal
      title={t("documents.edit")}
      size="lg"
      onClose={onClose}
      onSubmit={submit}
      error={update.error}
      saving={update.isPending}
      formRef={formRef}
    >
      <TextInput
        label={t("fields.title")}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.title}
      />
      <CompanyPicker value={companyId} onChange={setCompanyId} />
      <UserPicker value={responsibleId} onChange={setResponsibleId} />
      <CustomFieldInputs
        fields={type?.fields ?? []}
        values={fields}
        onChange={setFields}
        errors={errorsUnder(errors, "fields")}
      />
    </FormModal>
  );
}
