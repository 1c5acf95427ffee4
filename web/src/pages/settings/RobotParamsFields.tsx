import { MultiSelect, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useDocumentTypes } from "../../api/documents";
import { useTemplates } from "../../api/templates";
import type { RobotKind, Stage } from "../../api/types";
import { useUsers } from "../../api/users";
import { UserPicker } from "../../components/pickers";
import { DelayInput } from "./DelayInput";
import { WebhookSecretField } from "./WebhookSecretField";

type Params = Record<string, unknown>;

const MESSAGE_PLACEHOLDERS = "{{item.title}} {{item.stage}} {{document.number}} {{company.name}} {{responsible.name}}";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const strList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The form for one robot kind's parameters (see the contract's list of kinds); `errors` by parameter name. */
export function RobotParamsFields({
  kind,
  params,
  stages,
  onChange,
  errors = {},
}: {
  kind: RobotKind;
  params: Params;
  stages: Stage[];
  onChange: (params: Params) => void;
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const types = useDocumentTypes();
  const templates = useTemplates(kind === "generateDocument");
  const set = (key: string, value: unknown) => onChange({ ...params, [key]: value });
  const userOptions = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const roleOptions = (roles: string[]) => [
    ...roles.map((r) => ({ value: r, label: t(`robots.roles.${r}`) })),
    ...userOptions,
  ];
  const stageOptions = stages.map((s) => ({ value: s.code, label: s.name }));

  switch (kind) {
    case "setResponsible":
      return (
        <UserPicker
          label={t("robots.user")}
          required
          value={str(params.userId) || null}
          onChange={(v) => set("userId", v)}
          error={errors.userId}
        />
      );
    case "notify":
      return (
        <Stack>
          <MultiSelect
            label={t("robots.recipients")}
            required
            searchable
            data={roleOptions(["responsible", "initiator", "observers"])}
            value={strList(params.to)}
            onChange={(v) => set("to", v)}
            error={errors.to}
          />
          <Textarea
            label={t("robots.message")}
            description={`${t("robots.messageHint")}: ${MESSAGE_PLACEHOLDERS}`}
            required
            autosize
            minRows={2}
            value={str(params.message)}
            onChange={(e) => set("message", e.currentTarget.value)}
            error={errors.message}
          />
        </Stack>
      );
    case "setDocumentStatus": {
      const statuses = new Map((types.data?.items ?? []).flatMap((type) => type.statuses).map((s) => [s.code, s.name]));
      return (
        <Select
          label={t("fields.status")}
          required
          searchable
          data={[...statuses].map(([value, name]) => ({ value, label: `${name} (${value})` }))}
          value={str(params.status) || null}
          onChange={(v) => set("status", v)}
          error={errors.status}
        />
      );
    }
    case "requestApproval":
      return (
        <Stack>
          <MultiSelect
            label={t("robots.approvers")}
            required
            searchable
            data={roleOptions(["responsible", "initiator", "responsibleManager", "initiatorManager"])}
            value={strList(params.approvers)}
            onChange={(v) => set("approvers", v)}
            error={errors.approvers}
          />
          <Select
            label={t("robots.mode")}
            allowDeselect={false}
            data={(["all", "any", "sequential"] as const).map((mode) => ({
              value: mode,
              label: t(`robots.modes.${mode}`),
            }))}
            value={str(params.mode) || "all"}
            onChange={(v) => set("mode", v)}
            error={errors.mode}
          />
          <Select
            label={t("robots.reapprove")}
            allowDeselect={false}
            data={(["all", "notApproved"] as const).map((mode) => ({
              value: mode,
              label: t(`robots.reapproveModes.${mode}`),
            }))}
            value={str(params.reapprove) || "all"}
            onChange={(v) => set("reapprove", v)}
            error={errors.reapprove}
          />
          <DelayInput
            label={t("robots.deadline")}
            value={str(params.deadline) || null}
            onChange={(v) => onChange({ ...params, deadline: v ?? undefined })}
            error={errors.deadline}
          />
          <Select
            label={t("robots.onApprove")}
            required
            data={stageOptions}
            value={str(params.onApprove) || null}
            onChange={(v) => set("onApprove", v)}
            error={errors.onApprove}
          />
          <Select
            label={t("robots.onReject")}
            required
            data={stageOptions}
            value={str(params.onReject) || null}
            onChange={(v) => set("onReject", v)}
            error={errors.onReject}
          />
        </Stack>
      );
    case "attachApprovalSheet":
      return (
        <Select
          label={t("robots.sheetType")}
          description={t("robots.sheetTypeHint")}
          required
          searchable
          data={(types.data?.items ?? []).map((type) => ({ value: type.id, label: type.name }))}
          value={str(params.typeId) || null}
          onChange={(v) => set("typeId", v)}
          error={errors.typeId}
        />
      );
    case "moveToStage":
      return (
        <Select
          label={t("fields.stage")}
          required
          data={stageOptions}
          value={str(params.stage) || null}
          onChange={(v) => set("stage", v)}
          error={errors.stage}
        />
      );
    case "generateDocument":
      return (
        <Select
          label={t("templates.template")}
          description={t("templates.robotHint")}
          required
          searchable
          data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} — ${x.typeName}` }))}
          value={str(params.templateId) || null}
          onChange={(v) => set("templateId", v)}
          error={errors.templateId}
        />
      );
    case "webhook":
      return (
        <Stack>
          <TextInput
            label="URL"
            type="url"
            required
            placeholder="https://example.com/hook"
            value={str(params.url)}
            onChange={(e) => set("url", e.currentTarget.value)}
            error={errors.url}
          />
          <WebhookSecretField />
        </Stack>
      );
  }
}
