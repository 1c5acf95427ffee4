import { useDraggable } from "@dnd-kit/core";
import { ActionIcon, Box, Group, Menu, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Item, Stage } from "../../api/types";
import { CompanyName, UserName } from "../../components/names";
import { formatAmount, formatDuration } from "../../lib/format";
import { personMayMove } from "@docket/common/stage-rules";
import { ItemUploadDialog } from "./ItemUploadDialog";

interface Props {
  item: Item;
  stages: Stage[];
  now: number;
  onMove: (item: Item, stage: Stage) => void;
  overlay?: boolean;
}

export function KanbanCard({ item, stages, now, onMove, overlay = false }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [uploading, setUploading] = useState(false);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: item.id,
    data: { item },
    disabled: overlay,
  });
  const inStageMs = now - Date.parse(item.stageEnteredAt);
  const current = stages.find((stage) => stage.code === item.stage.code);
  // The server decides (SLA, the stage's reminder, a late approval), so the card and the "overdue" filter agree.
  const overdue = item.overdue;
  const units = { d: t("time.d"), h: t("time.h"), m: t("time.m") };
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;

  // The card's body is the drag handle (a button: Space picks it up, Enter opens the item); the "move to" menu is
  // its sibling, not its child, so no control is nested inside another.
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      shadow={overlay ? "lg" : "xs"}
      className="kanban-card"
      data-overdue={overdue}
      pos="relative"
      style={{ ...style, opacity: isDragging && !overlay ? 0.4 : 1 }}
    >
      <Box
        ref={setActivatorNodeRef}
        p="sm"
        pr={36}
        className="kanban-card-handle"
        data-testid={overlay ? "kanban-card-overlay" : "kanban-card"}
        data-item-id={item.id}
        data-overdue={overdue}
        {...attributes}
        {...listeners}
        aria-roledescription={t("kanban.card")}
        onKeyDown={(event) => {
          if (event.key === "Enter" && event.target === event.currentTarget) void navigate(`/items/${item.id}`);
          else (listeners?.onKeyDown as ((e: typeof event) => void) | undefined)?.(event);
        }}
        onClick={() => void navigate(`/items/${item.id}`)}
      >
        {item.mainDocument && (
          <Text size="xs" c="dimmed" ff="monospace" data-testid="kanban-card-number">
            {item.mainDocument.number}
          </Text>
        )}
        <Text fw={600} size="sm" lineClamp={2}>
          {item.title}
        </Text>
        <Stack gap={2} mt={4}>
          {item.amount !== null && (
            <Text size="xs" fw={600} data-testid="kanban-card-amount">
              {formatAmount(item.amount, i18n.language)}
            </Text>
          )}
          {item.companyId && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              <CompanyName id={item.companyId} link={false} />
            </Text>
          )}
          <Group justify="space-between" gap={4}>
            <Text size="xs">
              {item.responsibleId ? <UserName id={item.responsibleId} /> : t("kanban.noResponsible")}
            </Text>
            <Text size="xs" c={overdue ? "red.9" : "dimmed"} fw={overdue ? 700 : 400} title={t("kanban.timeInStage")}>
              {overdue && `${t("kanban.overdue")} · `}
              {formatDuration(inStageMs, units)}
            </Text>
          </Group>
        </Stack>
      </Box>
      {!overlay && (
        <Menu withinPortal position="bottom-end">
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              size="sm"
              color="gray"
              pos="absolute"
              top={8}
              right={8}
              aria-label={t("kanban.cardActions", { title: item.title })}
            >
              ⋯
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t("kanban.moveTo")}</Menu.Label>
            {stages
              .filter((stage) => stage.code !== item.stage.code && personMayMove(current, stage.code))
              .map((stage) => (
                <Menu.Item
                  key={stage.code}
                  onClick={() => onMove(item, stage)}
                  leftSection={<Dot color={stage.color} />}
                >
                  {stage.name}
                </Menu.Item>
              ))}
            <Menu.Divider />
            <Menu.Item onClick={() => setUploading(true)}>{t("documents.upload")}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      {uploading && <ItemUploadDialog item={item} onClose={() => setUploading(false)} />}
    </Paper>
  );
}

export function Dot({ color }: { color: string }) {
  return (
    <span
      aria-hidden="true"
      style={{ display: "inline-block", width: 10, height: 10, borderRadius: 5, background: color, flexShrink: 0 }}
    />
  );
}
