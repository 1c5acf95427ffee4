import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { conditionText } from "../../lib/conditions";
import { useRobotMutations, useRobots } from "../../api/processes";
import type { Process, Robot } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ConfirmRemove } from "../../components/ConfirmRemove";
import { StatusBadge } from "../../components/StatusBadge";
import { useConditionFields } from "./ConditionFieldPicker";
import { fromIsoDuration } from "./DelayInput";
import { RobotFormModal } from "./RobotFormModal";
import { RobotSummary } from "./RobotSummary";

export function RobotsPanel({ process }: { process: Process }) {
  const { t, i18n } = useTranslation();
  const robots = useRobots(process.id);
  const fields = useConditionFields();
  const { remove } = useRobotMutations(process.id);
  const [editing, setEditing] = useState<{ robot: Robot | null; stage: string } | null>(null);
  const list = robots.data?.items ?? [];

  const describeDelay = (delay: string | null) => {
    if (!delay) return t("robots.atOnce");
    const { amount, unit } = fromIsoDuration(delay);
    return t("robots.after", { delay: t(`robots.amounts.${unit}`, { count: amount }) });
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("robots.title")}
      </Title>
      <ErrorAlert error={robots.error ?? remove.error} />
      <Stack>
        {process.stages.map((stage) => (
          <Stack key={stage.code} gap={6}>
            <Group justify="space-between">
              <StatusBadge name={stage.name} color={stage.color} />
              <Button size="xs" variant="light" onClick={() => setEditing({ robot: null, stage: stage.code })}>
                {t("robots.add")}
              </Button>
            </Group>
            {list
              .filter((robot) => robot.stage === stage.code)
              .map((robot) => (
                <Group key={robot.id} justify="space-between" pl="md" wrap="nowrap" data-testid="robot-row">
                  <Stack gap={2}>
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {t(`robots.kinds.${robot.kind}`)}
                      </Text>
                      <Badge variant="light" color="gray">
                        {describeDelay(robot.delay)}
                      </Badge>
                      {robot.condition && (
                        <Badge variant="outline" color="orange" tt="none">
                          {conditionText(
                            { ...robot.condition, field: fields.nameOf(robot.condition.field) },
                            i18n.language,
                            t,
                          )}
                        </Badge>
                      )}
                    </Group>
                    <RobotSummary robot={robot} stages={process.stages} />
                  </Stack>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setEditing({ robot, stage: robot.stage })}>
                      {t("common.edit")}
                    </Button>
                    <ConfirmRemove
                      question={t("robots.confirmRemove", { name: t(`robots.kinds.${robot.kind}`) })}
                      onRemove={() => remove.mutate(robot.id)}
                    />
                  </Group>
                </Group>
              ))}
          </Stack>
        ))}
      </Stack>
      {editing && (
        <RobotFormModal
          process={process}
          robot={editing.robot}
          stage={editing.stage}
          onClose={() => setEditing(null)}
        />
      )}
    </Paper>
  );
}
