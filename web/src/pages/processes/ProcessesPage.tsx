import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useProcesses } from "../../api/processes";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Dot } from "./KanbanCard";

export default function ProcessesPage() {
  const { t } = useTranslation();
  const processes = useProcesses();
  const list = processes.data?.items ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("processes.title")}
      </Title>
      <ErrorAlert error={processes.error} />
      {list.length === 0 && !processes.isPending && <Text c="dimmed">{t("processes.empty")}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {list.map((process) => (
          <Card key={process.id} withBorder component={Link} to={`/processes/${process.id}`} data-testid="process-card">
            <Text fw={600} mb="xs">
              {process.name}
            </Text>
            <Group gap={6}>
              {process.stages.map((stage) => (
                <Group key={stage.code} gap={4} wrap="nowrap">
                  <Dot color={stage.color} />
                  <Text size="xs" c="dimmed">
                    {stage.name}
                  </Text>
                </Group>
              ))}
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
