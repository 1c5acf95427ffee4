import { Divider, Group, Modal, Select, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useRobotMutations } from "../../api/processes";
import type { ConditionOp, Process, Robot, RobotCondition, RobotInput, RobotKind } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorsUnder, useFieldErrors } from "../../lib/fieldErrors";
import { parseConditionValue } from "@docket/common";
import { formatConditionValue, localeOf } from "../../lib/conditions";
import { ConditionFieldPicker } from "./ConditionFieldPicker";
import { DelayInput } from "./DelayInput";
import { RobotParamsFields } from "./RobotParamsFields";
import { FormActions } from "../../components/FormActions";

export const ROBOT_KINDS: RobotKind[] = [
  "setResponsible",
  "notify",
  "setDocumentStatus",
  "requestApproval",
  "attachApprovalSheet",
  "moveToStage",
  "webhook",
  "generateDocument",
];
const OPS: ConditionOp[] = ["eq", "ne", "gt", "lt", "in"];

export function RobotFormModal({
  process,
  robot,
  stage,
  onClose,
}: {
  process: Process;
  robot: Robot | null;
  stage: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { save } = useRobotMutations(process.id);
  const [form, setForm] = useState<RobotInput>(() =>
    robot
      ? { ...robot, kind: robot.kind as RobotKind }
      : { stage, delay: null, condition: null, kind: "notify", params: { to: ["responsible"], message: "" } },
  );
  const [conditionOn, setConditionOn] = useState(!!robot?.condition);
  const [condition, setCondition] = useState<RobotCondition>(robot?.condition ?? { field: "", op: "gt", value: "" });
  const [valueText, setValueText] = useState(() => formatConditionValue(robot?.condition?.value, i18n.language));
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(save.error, formRef);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: RobotInput = {
      stage: form.stage,
      delay: form.delay,
      kind: form.kind,
      params: form.params,
      condition: conditionOn
        ? { ...condition, value: parseConditionValue(condition.op, valueText, localeOf(i18n.language)) }
        : null,
    };
    save.mutate({ id: robot?.id, body }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={robot ? t("robots.edit") : t("robots.add")} size="lg">
      <form ref={formRef} onSubmit={submit}>
        <Stack>
          <ErrorAlert error={save.error} fieldsShown />
          <Group grow>
            <Select
              label={t("fields.stage")}
              allowDeselect={false}
              data={process.stages.map((s) => ({ value: s.code, label: s.name }))}
              value={form.stage}
              onChange={(v) => setForm({ ...form, stage: v ?? form.stage })}
              error={errors.stage}
            />
            <Select
              label={t("robots.kind")}
              allowDeselect={false}
              data={ROBOT_KINDS.map((k) => ({ value: k, label: t(`robots.kinds.${k}`) }))}
              value={form.kind}
              onChange={(v) => setForm({ ...form, kind: (v as RobotKind | null) ?? form.kind, params: {} })}
              data-testid="robot-kind"
            />
          </Group>
          <RobotParamsFields
            kind={form.kind}
            params={form.params}
            stages={process.stages}
            onChange={(params) => setForm({ ...form, params })}
            errors={errorsUnder(errors, "params")}
          />
          <Divider />
          <DelayInput value={form.delay} onChange={(delay) => setForm({ ...form, delay })} error={errors.delay} />
          <Switch
            label={t("robots.condition")}
            checked={conditionOn}
            onChange={(e) => setConditionOn(e.currentTarget.checked)}
          />
          {conditionOn && (
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              <ConditionFieldPicker
                value={condition.field}
                onChange={(field) => setCondition({ ...condition, field })}
                error={errors["condition.field"]}
              />
              <Select
                label={t("robots.op")}
                allowDeselect={false}
                data={OPS.map((op) => ({ value: op, label: t(`robots.ops.${op}`) }))}
                value={condition.op}
                onChange={(op) => setCondition({ ...condition, op: (op as ConditionOp | null) ?? "eq" })}
              />
              <TextInput
                label={t("robots.value")}
                value={valueText}
                onChange={(e) => setValueText(e.currentTarget.value)}
                error={errors["condition.value"]}
              />
            </SimpleGrid>
          )}
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
