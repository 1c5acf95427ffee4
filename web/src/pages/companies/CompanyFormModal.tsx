import { isValidInn } from "@docket/common/inn";
import { Modal, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSaveCompany } from "../../api/companies";
import type { Company } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useFieldErrors } from "../../lib/fieldErrors";
import { FormActions } from "../../components/FormActions";

type CompanyForm = Record<"name" | "inn" | "kpp" | "address" | "phone" | "email", string>;

function toForm(company?: Company | null): CompanyForm {
  return {
    name: company?.name ?? "",
    inn: company?.inn ?? "",
    kpp: company?.kpp ?? "",
    address: company?.address ?? "",
    phone: company?.phone ?? "",
    email: company?.email ?? "",
  };
}

export function CompanyFormModal({
  opened,
  company,
  onClose,
  onSaved,
}: {
  opened: boolean;
  company?: Company | null;
  onClose: () => void;
  onSaved?: (company: Company) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCompany();
  const [form, setForm] = useState<CompanyForm>(() => toForm(company));
  const [touchedInn, setTouchedInn] = useState(false);
  const inn = form.inn.trim();
  const innError =
    inn !== "" && (touchedInn || inn.length >= 10) && !isValidInn(inn) ? t("companies.innInvalid") : null;
  const formRef = useRef<HTMLFormElement>(null);
  const serverErrors = useFieldErrors(save.error, formRef);
  const set = (key: keyof CompanyForm) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouchedInn(true);
    if (inn !== "" && !isValidInn(inn)) return;
    save.mutate(
      { id: company?.id, body: form },
      {
        onSuccess: (saved) => {
          onSaved?.(saved);
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={company ? t("companies.edit") : t("companies.create")} size="lg">
      <form ref={formRef} onSubmit={submit}>
        <Stack>
          <ErrorAlert error={save.error} fieldsShown />
          <TextInput
            label={t("fields.name")}
            required
            data-autofocus
            value={form.name}
            onChange={set("name")}
            error={serverErrors.name}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("fields.inn")}
              inputMode="numeric"
              maxLength={12}
              value={form.inn}
              onChange={set("inn")}
              onBlur={() => setTouchedInn(true)}
              error={innError ?? serverErrors.inn}
              description={t("companies.innHint")}
            />
            <TextInput
              label={t("fields.kpp")}
              maxLength={9}
              value={form.kpp}
              onChange={set("kpp")}
              error={serverErrors.kpp}
            />
            <TextInput
              label={t("fields.phone")}
              value={form.phone}
              onChange={set("phone")}
              error={serverErrors.phone}
            />
            <TextInput
              label={t("fields.email")}
              type="email"
              value={form.email}
              onChange={set("email")}
              error={serverErrors.email}
            />
          </SimpleGrid>
          <TextInput
            label={t("fields.address")}
            value={form.address}
            onChange={set("address")}
            error={serverErrors.address}
          />
          <FormActions onCancel={onClose} saving={save.isPending} disabled={!!innError} />
        </Stack>
      </form>
    </Modal>
  );
}
