import type { Item, ProcessAnalytics } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { unprocessable } from "../../lib/errors.js";
import { activeUsers } from "../users/index.js";
import * as repo from "./items.repository.js";
import { presentItems } from "./items.service.js";
import { requireProcess } from "./processes.service.js";

const WEEK_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_WEEKS = 12;
const PRESENT_SLICE = 500;
/** About two years of weeks: enough for any board, small enough to answer at once. */
const MAX_RANGE_MS = 106 * WEEK_MS;

/**
 * `GET /api/processes/:id/analytics`: figures of the items the caller may see, from their stage history.
 * A stay counts in [from, to) when it ended (the item entered its next stage) in that range; a stay not ended yet is
 * not counted (it would understate the times). Throughput counts entries into a success or failure stage.
 */
export async function processAnalytics(
  ctx: AppContext,
  actor: Actor,
  processId: string,
  query: { from?: string; to?: string },
): Promise<ProcessAnalytics> {
  const process = await requireProcess(ctx.db, processId);
  const to = query.to ? new Date(query.to) : ctx.clock.now();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WEEKS * WEEK_MS);
  if (!(from < to)) throw unprocessable("`from` must be before `to`", [{ path: "from", message: "after `to`" }]);
  if (to.getTime() - from.getTime() > MAX_RANGE_MS)
    throw unprocessable("The range may span at most 106 weeks", [{ path: "from", message: "range too long" }]);
  const inRange = (at: string) => at >= from.toISOString() && at < to.toISOString();

  const rows = await repo.allItemsOfProcess(ctx.db, actor, processId);
  const items: Item[] = [];
  // In slices, so the lists of ids sent to the database stay far below the drivers' parameter limits.
  for (let i = 0; i < rows.length; i += PRESENT_SLICE)
    items.push(...(await presentItems(ctx, process, rows.slice(i, i + PRESENT_SLICE), actor)));
  const entries = await repo.stageEntriesOfProcess(ctx.db, actor, processId);
  const closing = new Set(process.stages.filter((s) => s.semantics !== "process").map((s) => s.code));

  const stays = new Map<string, number[]>();
  const finishedBy = new Map<string, number>(); // item id → 1 when it finished in range
  const weeks = weekStarts(from, to, ctx.config.timeZone);
  const throughput = new Map(weeks.map((week) => [week, { week, succeeded: 0, failed: 0 }]));
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const next = entries[i + 1];
    if (next && next.itemId === entry.itemId && inRange(next.enteredAt)) {
      const list = stays.get(entry.stageCode) ?? [];
      list.push(Date.parse(next.enteredAt) - Date.parse(entry.enteredAt));
      stays.set(entry.stageCode, list);
    }
    if (closing.has(entry.stageCode) && inRange(entry.enteredAt)) {
      finishedBy.set(entry.itemId, 1);
      const bucket = throughput.get(weekOf(new Date(entry.enteredAt), ctx.config.timeZone));
      const success = process.stages.find((s) => s.code === entry.stageCode)?.semantics === "success";
      if (bucket) bucket[success ? "succeeded" : "failed"] += 1;
    }
  }

  const people = new Map<string | null, { open: number; overdue: number; finished: number }>();
  for (const item of items) {
    const person = people.get(item.responsibleId) ?? { open: 0, overdue: 0, finished: 0 };
    if (item.stage.semantics === "process") person.open += 1;
    if (item.overdue) person.overdue += 1;
    if (finishedBy.has(item.id)) person.finished += 1;
    people.set(item.responsibleId, person);
  }
  const names = new Map(
    (
      await activeUsers(
        ctx.db,
        [...people.keys()].filter((id): id is string => id !== null),
      )
    ).map((u) => [u.id, u.name]),
  );

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    stages: process.stages.map((stage) => {
      const here = items.filter((item) => item.stage.code === stage.code);
      const times = (stays.get(stage.code) ?? []).sort((a, b) => a - b);
      return {
        code: stage.code,
        name: stage.name,
        color: stage.color,
        semantics: stage.semantics ?? "process",
        items: here.length,
        overdue: here.filter((item) => item.overdue).length,
        stays: times.length,
        medianMs: percentile(times, 0.5),
        p90Ms: percentile(times, 0.9),
      };
    }),
    throughput: [...throughput.values()],
    responsibles: [...people.entries()]
      .map(([userId, figures]) => ({ userId, name: userId ? (names.get(userId) ?? null) : null, ...figures }))
      .sort((a, b) => b.open - a.open || b.finished - a.finished || (a.name ?? "").localeCompare(b.name ?? "")),
  };
}

/** The p-th percentile of sorted values, interpolated between the two nearest ranks (as spreadsheets do); null when empty. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
const localDate = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);

/** The Monday (YYYY-MM-DD, local to the time zone) of the week holding `at`. */
function weekOf(at: Date, timeZone: string): string {
  const day = new Date(`${localDate(at, timeZone)}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Every week touching [from, to), oldest first. */
function weekStarts(from: Date, to: Date, timeZone: string): string[] {
  const weeks: string[] = [];
  const last = weekOf(new Date(to.getTime() - 1), timeZone);
  for (let week = weekOf(from, timeZone); week <= last;) {
    weeks.push(week);
    week = new Date(Date.parse(`${week}T00:00:00Z`) + WEEK_MS).toISOString().slice(0, 10);
  }
  return weeks;
}
