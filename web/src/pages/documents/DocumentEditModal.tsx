import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentMutations } from "../../api/documents";
import type { DocketDocument, DocumentType } from "../../api/types";
import { CustomFieldInputs } from "../../components/CustomFields";
import { fieldErrors } from "../../components/ErrorAlert";
import { FormModal } from "../../components/FormModal";
import { CompanyPicker, UserPicker } from "../../components/pickers";

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

  const submit = () => {
    update.mutate({ title, companyId, responsibleId, fields }, { onSuccess: onClose });
  };

  return (
    <FormModal
      onClose={onClose}
      title={t("documents.edit")}
      size="lg"
      onSubmit={submit}
      error={update.error}
      saving={update.isPending}
    >
      <TextInput label={t("fields.title")} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <CompanyPicker value={companyId} onChange={setCompanyId} />
      <UserPicker value={responsibleId} onChange={setResponsibleId} />
      <CustomFieldInputs
        fields={type?.fields ?? []}
        values={fields}
        onChange={setFields}
        errors={fieldErrors(update.error)}
      />
    </FormModal>
  );
}
