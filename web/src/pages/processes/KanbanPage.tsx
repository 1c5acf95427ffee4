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
import { ActionIcon, Alert, Anchor, Button, Group, Text } from "@mantine/core";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { BOARD_LIMIT, useItems, useProcess } from "../../api/processes";
import type { Item, Stage } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useNow } from "../../lib/useNow";
import { KanbanFilters, useKanbanFilters } from "./KanbanFilters";
import { CreateItemModal } from "./CreateItemModal";
import { KanbanCard } from "./KanbanCard";
import { KanbanColumn } from "./KanbanColumn";
import { useMoveItem } from "./useMoveItem";
import { personMayMove } from "@docket/common/stage-rules";
import { PageHeader } from "../../components/PageHeader";

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

export default function KanbanPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const process = useProcess(id);
  const [filters] = useKanbanFilters();
  const items = useItems(id, filters);
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
      <PageHeader title={process.data.name} mt="xs" mb="md">
        <Group gap="sm">
          <Button variant="default" component={Link} to={`/processes/${id}/analytics`}>
            {t("analytics.link")}
          </Button>
          <Button onClick={() => setCreating(true)}>{t("kanban.newItem")}</Button>
        </Group>
      </PageHeader>
      <Text size="sm" c="dimmed" mb="sm">
        {t("kanban.hint")}
      </Text>
      <KanbanFilters shown={items.data ? list.length : null} />
      <ErrorAlert error={items.error} />
      {items.data?.nextCursor && (
        <Alert color="yellow" mb="sm">
          {t("kanbanScale.truncated", { count: BOARD_LIMIT })}
        </Alert>
      )}
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
        <ScrollingBoard>
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
                  <KanbanCard key={item.id} item={item} stages={stages} now={now} onMove={(i, s) => void move(i, s)} />
                ))}
              </KanbanColumn>
            );
          })}
        </ScrollingBoard>
        <DragOverlay>
          {active && <KanbanCard item={active} stages={stages} now={now} onMove={() => undefined} overlay />}
        </DragOverlay>
      </DndContext>
      {creating && <CreateItemModal processId={id} onClose={() => setCreating(false)} />}
    </>
  );
}

function stageName(stages: Stage[], id: string | number): string {
  return stages.find((s) => s.code === id)?.name ?? String(id);
}

/**
 * The board scrolls sideways when its stages do not fit; arrow buttons at its edges show that more stages lie
 * beyond, and scroll by a column.
 */
function ScrollingBoard({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ left: false, right: false });
  useEffect(() => {
    const board = ref.current;
    if (!board) return;
    const measure = () =>
      setEdges({
        left: board.scrollLeft > 4,
        right: board.scrollLeft + board.clientWidth < board.scrollWidth - 4,
      });
    measure();
    board.addEventListener("scroll", measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(board);
    return () => {
      board.removeEventListener("scroll", measure);
      observer.disconnect();
    };
  }, []);
  const scrollButton = (side: "left" | "right", label: string) => (
    <ActionIcon
      className={`kanban-scroll kanban-scroll-${side}`}
      size="lg"
      radius="xl"
      variant="default"
      aria-label={label}
      onClick={() => ref.current?.scrollBy({ left: (side === "left" ? -1 : 1) * COLUMN_STEP, behavior: "smooth" })}
    >
      {side === "left" ? "←" : "→"}
    </ActionIcon>
  );
  return (
    <div className="kanban-frame">
      {edges.left && scrollButton("left", t("kanbanScale.scrollLeft"))}
      <div ref={ref} className="kanban-board" data-testid="kanban-board" data-more-right={edges.right}>
        {children}
      </div>
      {edges.right && scrollButton("right", t("kanbanScale.scrollRight"))}
    </div>
  );
}
