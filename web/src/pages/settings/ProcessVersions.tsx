import type { ProcessVersion } from "@docket/common";
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useProcessVersions } from "../../api/processes";
import { TableHead } from "../../components/TableHead";
import { ErrorAlert } from "../../components/ErrorAlert";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDateTime } from "../../lib/format";

/**
 * The process's version history: every change of stages or robots made a version; items keep the one they started
 * under. An older version opens read-only.
 */
export function ProcessVersions({ processId }: { processId: string }) {
  const { t, i18n } = useTranslation();
  const versions = useProcessVersions(processId);
  const [viewing, setViewing] = useState<ProcessVersion | null>(null);
  const list = versions.data?.items ?? [];
  const latest = list[0]?.version;
  return (
    <Paper withBorder p="md" data-testid="process-versions">
      <Title order={2} size="h4" mb="xs">
        {t("rounds.versions.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rounds.versions.hint")}
      </Text>
      <ErrorAlert error={versions.error} />
      <Table.ScrollContainer minWidth={420}>
        <Table>
          <TableHead
            actions
            headings={[
              t("rounds.versions.version"),
              t("rounds.versions.createdAt"),
              t("rounds.versions.author"),
              t("rounds.versions.items"),
            ]}
          />
          <Table.Tbody>
            {list.map((version) => (
              <Table.Tr key={version.version} data-testid="process-version-row">
                <Table.Td>
                  <Group gap="xs">
                    {version.version}
                    {version.version === latest && (
                      <Badge variant="light" color="green" size="sm">
                        {t("rounds.versions.current")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{formatDateTime(version.createdAt, i18n.language)}</Table.Td>
                <Table.Td>{version.createdBy?.name ?? "—"}</Table.Td>
                <Table.Td>{version.items}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => setViewing(version)}
                    aria-label={t("rounds.versions.viewVersion", { n: version.version })}
                  >
                    {t("rounds.versions.view")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {viewing && <VersionView version={viewing} onClose={() => setViewing(null)} />}
    </Paper>
  );
}

function VersionView({ version, onClose }: { version: ProcessVersion; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Modal opened onClose={onClose} size="lg" title={t("rounds.versions.viewVersion", { n: version.version })}>
      <Stack data-testid="process-version-view">
        <Text size="sm" c="dimmed">
          {t("rounds.versions.readOnly", {
            at: formatDateTime(version.createdAt, i18n.language),
            author: version.createdBy?.name ?? "—",
          })}
        </Text>
        {version.stages.map((stage) => (
          <Stack key={stage.code} gap={4}>
            <Group gap="xs">
              <StatusBadge name={stage.name} color={stage.color} />
              <Text size="xs" c="dimmed">
                {stage.code}
              </Text>
            </Group>
            {version.robots
              .filter((robot) => robot.stage === stage.code)
              .map((robot) => (
                <Text size="sm" pl="md" key={robot.id}>
                  {robot.name || t(`robots.kinds.${robot.kind}`, { defaultValue: robot.kind })}
                  {robot.delay && ` · ${robot.delay}`}
                </Text>
              ))}
          </Stack>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.close")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
