import { Alert, Button, Group, List, Paper, Select, Text } from "@mantine/core";
import type { BulkDocumentsBody, BulkDocumentsResult } from "@docket/common";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useBulkChange, type RegistryDocument } from "../../../api/documents";
import type { DocumentType } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CompanyPicker, UserPicker } from "../../../components/pickers";
import { ManualStatusSelect } from "../ManualStatusSelect";

type Field = "status" | "responsibleId" | "companyId";

/**
 * The change for the selected documents: a status, a responsible or a company. Each document is changed or refused
 * on its own, and the result says which and why, worded from the server's codes.
 */
export function BulkActionBar({
  selected,
  types,
  onClear,
}: {
  selected: RegistryDocument[];
  types: DocumentType[];
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const bulk = useBulkChange();
  const [field, setField] = useState<Field>("status");
  const [value, setValue] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ result: BulkDocumentsResult; numbers: Map<string, string> } | null>(null);
  const selectedTypes = new Set(selected.map((d) => d.typeId));
  // Statuses of any of the selected documents' types; a type without the chosen one refuses on its own.
  const statuses = types.filter((type) => selectedTypes.has(type.id)).flatMap((type) => type.statuses);

  const apply = () => {
    if (!value) return;
    const set: BulkDocumentsBody["set"] = { [field]: value };
    const numbers = new Map(selected.map((d) => [d.id, d.number]));
    bulk.mutate(
      { ids: selected.map((d) => d.id), set },
      {
        onSuccess: (result) => {
          setOutcome({ result, numbers });
          setValue(null);
          onClear();
        },
      },
    );
  };

  return (
    <>
      {selected.length > 0 && (
        <Paper withBorder p="sm" bg="var(--mantine-color-blue-light)" data-testid="bulk-bar">
          <Group align="flex-end" wrap="wrap">
            <Text fw={600} aria-live="polite">
              {t("registry.bulk.selected", { count: selected.length })}
            </Text>
            <Select
              label={t("registry.bulk.change")}
              data={[
                { value: "status", label: t("fields.status") },
                { value: "responsibleId", label: t("fields.responsible") },
                { value: "companyId", label: t("fields.company") },
              ]}
              value={field}
              allowDeselect={false}
              onChange={(next) => {
                setField((next as Field | null) ?? "status");
                setValue(null);
              }}
              w={170}
            />
            {field === "status" && (
              <ManualStatusSelect
                label={t("registry.bulk.newStatus")}
                statuses={statuses}
                value={value}
                onChange={setValue}
                data-testid="bulk-status"
              />
            )}
            {field === "responsibleId" && <UserPicker value={value} onChange={setValue} w={220} />}
            {field === "companyId" && <CompanyPicker value={value} onChange={setValue} w={260} />}
            <Button onClick={apply} loading={bulk.isPending} disabled={!value}>
              {t("registry.bulk.apply", { count: selected.length })}
            </Button>
            <Button variant="subtle" onClick={onClear}>
              {t("registry.bulk.clear")}
            </Button>
          </Group>
          <ErrorAlert error={bulk.error} />
        </Paper>
      )}
      {outcome && <BulkOutcome {...outcome} onClose={() => setOutcome(null)} />}
    </>
  );
}

function BulkOutcome({
  result,
  numbers,
  onClose,
}: {
  result: BulkDocumentsResult;
  numbers: Map<string, string>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const changed = result.results.filter((r) => r.ok).length;
  const refused = result.results.filter((r) => !r.ok);
  const reason = (code: string, params: Record<string, unknown>) =>
    i18n.exists(`registry.bulk.errors.${code}`)
      ? t(`registry.bulk.errors.${code}`, params)
      : i18n.exists(`errors.${code}`)
        ? t(`errors.${code}`, params)
        : t("registry.bulk.errors.other", { code });
  return (
    <Alert
      color={refused.length > 0 ? "orange" : "green"}
      withCloseButton
      closeButtonLabel={t("common.close")}
      onClose={onClose}
      data-testid="bulk-result"
      title={
        refused.length > 0
          ? `${t("registry.bulk.changed", { count: changed })}, ${t("registry.bulk.refused", { count: refused.length })}`
          : t("registry.bulk.changed", { count: changed })
      }
    >
      {refused.length > 0 && (
        <List size="sm">
          {refused.map((r) => (
            <List.Item key={r.id}>
              <b>{numbers.get(r.id) ?? r.id}</b> — {reason(r.error?.code ?? "internal", r.error?.params ?? {})}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
