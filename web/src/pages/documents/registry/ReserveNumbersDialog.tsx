import { Alert, Anchor, Button, List, Modal, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useReserveNumbers } from "../../../api/documents";
import type { DocketDocument, DocumentType } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFieldErrors } from "../../../lib/fieldErrors";
import { CompanyPicker } from "../../../components/pickers";

/** Takes numbers now (1–50, in order) for documents whose files come later, and shows which numbers they are. */
export function ReserveNumbersDialog({ types, onClose }: { types: DocumentType[]; onClose: () => void }) {
  const { t } = useTranslation();
  const reserve = useReserveNumbers();
  const [typeId, setTypeId] = useState<string | null>(types.length === 1 ? (types[0]?.id ?? null) : null);
  const [count, setCount] = useState<number | string>(1);
  const [title, setTitle] = useState("");
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [reserved, setReserved] = useState<DocketDocument[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(reserve.error, formRef);
  const validCount = typeof count === "number" && Number.isInteger(count) && count >= 1 && count <= 50;

  const submit = () => {
    if (!typeId || !validCount) return;
    reserve.mutate(
      { typeId, body: { count, title: title.trim() || null, companyId } },
      { onSuccess: (answer) => setReserved(answer.items) },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t("registry.reserve.title")} size="md">
      {reserved ? (
        <Stack>
          <Alert color="green" title={t("registry.reserve.done", { count: reserved.length })} data-testid="reserved">
            <List size="sm">
              {reserved.map((doc) => (
                <List.Item key={doc.id}>
                  <Anchor component={Link} to={`/documents/${doc.id}`} fw={600} onClick={onClose}>
                    {doc.number}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Alert>
          <Text size="sm" c="dimmed">
            {t("registry.reserve.next")}
          </Text>
          <Button onClick={onClose}>{t("common.close")}</Button>
        </Stack>
      ) : (
        <form
          ref={formRef}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t("registry.reserve.hint")}
            </Text>
            <Select
              label={t("fields.type")}
              data={types.map((type) => ({ value: type.id, label: type.name }))}
              value={typeId}
              onChange={setTypeId}
              required
              data-autofocus
            />
            <NumberInput
              label={t("registry.reserve.count")}
              min={1}
              max={50}
              value={count}
              onChange={setCount}
              required
              error={!validCount ? t("registry.reserve.countRange") : errors.count}
            />
            <TextInput
              label={t("fields.title")}
              description={t("registry.reserve.titleHint")}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errors.title}
            />
            <CompanyPicker value={companyId} onChange={setCompanyId} />
            <ErrorAlert error={reserve.error} fieldsShown />
            <Button type="submit" loading={reserve.isPending} disabled={!typeId || !validCount}>
              {t("registry.reserve.submit")}
            </Button>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
