import { useDroppable } from "@dnd-kit/core";
import { Badge, Box, Group, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { Stage } from "../../api/types";
import { colourBadgeStyle } from "../../components/StatusBadge";

interface Props {
  stage: Stage;
  count: number;
  /** The card being dragged may not be put here by a person (the stage it comes from lists other `next` stages). */
  refuses?: boolean;
  children: ReactNode;
}

export function KanbanColumn({ stage, count, refuses = false, children }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.code, data: { stage } });
  return (
    <Box
      ref={setNodeRef}
      className="kanban-column"
      data-over={isOver}
      data-refuses={refuses}
      style={refuses ? { opacity: 0.45 } : undefined}
      data-testid="kanban-column"
      data-stage={stage.code}
      role="group"
      aria-label={stage.name}
    >
      <Box
        px="sm"
        py={8}
        className="kanban-column-header"
        style={{
          borderTop: `4px solid ${stage.color}`,
          borderRadius: "var(--mantine-radius-md) var(--mantine-radius-md) 0 0",
        }}
      >
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} size="sm" lineClamp={2}>
            {stage.name}
          </Text>
          <Badge
            size="sm"
            variant="filled"
            miw={24}
            style={{ ...colourBadgeStyle(stage.color), flexShrink: 0, overflow: "visible" }}
            data-testid="kanban-count"
          >
            {count}
          </Badge>
        </Group>
      </Box>
      {/* The whole body is part of the drop target, so a card dropped below the last one (or in an empty column) lands. */}
      <Stack gap="xs" p="xs" className="kanban-column-body" data-testid="kanban-column-body">
        {children}
      </Stack>
    </Box>
  );
}
