import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { Anchor, Button, Group, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useItems, useProcess, useRobots } from "../../api/processes";
import type { Item, Robot, Stage } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { ErrorAlert } from "../../components/ErrorAlert";
import { durationMs } from "@docket/common";
import { useNow } from "../../lib/useNow";
import { CreateItemModal } from "./CreateItemModal";
import { KanbanCard } from "./KanbanCard";
import { KanbanColumn } from "./KanbanColumn";
import { useMoveItem } from "./useMoveItem";
import { personMayMove } from "@docket/common/stage-rules";

const COLUMN_STEP = 256;
/** Arrow keys jump a whole column sideways, so a keyboard drag takes one press per stage. */
const columnCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates: { x, y } }) => {
  switch (event.code) {
    case "ArrowRight":
      return { x: x + COLUMN_STEP, y };
    case "ArrowLeft":
      return { x: x - COLUMN_STEP, y };
    case "ArrowDown":
      return { x, y: y + 60 };
    case "ArrowUp":
      return { x, y: y - 60 };
    default:
      return undefined;
  }
};
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};
/** Without a reminder robot, a card counts as stuck after three days in a working stage. */
const DEFAULT_OVERDUE_MS = 3 * 24 * 3600 * 1000;

export default function KanbanPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { isAdmin } = useAuth();
  const process = useProcess(id);
  const items = useItems(id);
  const robots = useRobots(isAdmin ? id : null);
  const move = useMoveItem(id, process.data?.stages ?? []);
  const now = useNow(60_000);
  const [active, setActive] = useState<Item | null>(null);
  const [creating, setCreating] = useState(false);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: columnCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space"] },
    }),
  );

  if (process.error) return <ErrorAlert error={process.error} />;
  if (!process.data) return null;
  const stages = process.data.stages;
  const list = items.data?.items ?? [];

  const onDragStart = (event: DragStartEvent) => setActive((event.active.data.current as { item: Item }).item);
  const onDragEnd = (event: DragEndEvent) => {
    setActive(null);
    const item = (event.active.data.current as { item: Item } | undefined)?.item;
    const stage = stages.find((s) => s.code === event.over?.id);
    if (item && stage) void move(item, stage);
  };

  return (
    <>
      <Anchor component={Link} to="/processes" size="sm">
        ← {t("processes.title")}
      </Anchor>
      <Group justify="space-between" mt="xs" mb="md">
        <Title order={1} size="h2">
          {process.data.name}
        </Title>
        <Button onClick={() => setCreating(true)}>{t("kanban.newItem")}</Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t("kanban.hint")}
      </Text>
      <ErrorAlert error={items.error} />
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActive(null)}
        accessibility={{
          screenReaderInstructions: { draggable: t("kanban.keyboardHint") },
          announcements: {
            onDragStart: () => t("kanban.announceStart"),
            onDragOver: ({ over }) => (over ? t("kanban.announceOver", { stage: stageName(stages, over.id) }) : ""),
            onDragEnd: ({ over }) => (over ? t("kanban.announceDrop", { stage: stageName(stages, over.id) }) : ""),
            onDragCancel: () => t("kanban.announceCancel"),
          },
        }}
      >
        <div className="kanban-board" data-testid="kanban-board">
          {stages.map((stage) => {
            // Overdue cards first: they are what needs someone now.
            const cards = list
              .filter((item) => item.stage.code === stage.code)
              .sort((a, b) => Number(b.overdue ?? false) - Number(a.overdue ?? false));
            return (
              <KanbanColumn
                key={stage.code}
                stage={stage}
                count={cards.length}
                refuses={
                  active !== null &&
                  active.stage.code !== stage.code &&
                  !personMayMove(
                    stages.find((s) => s.code === active.stage.code),
                    stage.code,
                  )
                }
              >
                {cards.map((item) => (
                  <KanbanCard
                    key={item.id}
                    item={item}
                    stages={stages}
                    now={now}
                    overdueAfterMs={overdueAfter(stage, robots.data?.items)}
                    onMove={(i, s) => void move(i, s)}
                  />
                ))}
              </KanbanColumn>
            );
          })}
        </div>
        <DragOverlay>
          {active && (
            <KanbanCard
              item={active}
              stages={stages}
              now={now}
              overdueAfterMs={null}
              onMove={() => undefined}
              overlay
            />
          )}
        </DragOverlay>
      </DndContext>
      {creating && <CreateItemModal processId={id} onClose={() => setCreating(false)} />}
    </>
  );
}

function stageName(stages: Stage[], id: string | number): string {
  return stages.find((s) => s.code === id)?.name ?? String(id);
}

/** An item is overdue once it outstays the stage's first delayed robot (its reminder), or three days. */
function overdueAfter(stage: Stage, robots: Robot[] | undefined): number | null {
  if (stage.semantics !== "process") return null;
  const delays = (robots ?? [])
    .filter((robot) => robot.stage === stage.code)
    .map((robot) => durationMs(robot.delay))
    .filter((ms): ms is number => ms !== null && ms > 0);
  return delays.length > 0 ? Math.min(...delays) : DEFAULT_OVERDUE_MS;
}
