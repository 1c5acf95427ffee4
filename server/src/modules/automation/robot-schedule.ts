import { addIsoDuration, parseIsoDuration, type BusinessCalendar, type IsoDuration } from "@docket/common";
import type { AppContext } from "../../context.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import type { Work } from "../../db/work.js";
import type { StageEntered } from "../processes/index.js";
import { robotJob, type RobotJobPayload } from "./automation.jobs.js";
import * as repo from "./robots.repository.js";

export const robotJobKey = (robotId: string, stageEntryId: string) => `robot:${robotId}:${stageEntryId}`;

/**
 * The stage-entry hook: in the transaction that moves the item, one job per robot of the new stage, due at
 * entry + delay, keyed by (robot, stage entry) so a repeated enqueue is a no-op.
 */
export async function scheduleRobots(ctx: AppContext, work: Work, entered: StageEntered): Promise<void> {
  // The robots of the item's own process version: a process changed since the item started does not change its run.
  const robots = (await repo.robotsOfItemVersion(work.trx, entered.item))
    .filter((r) => r.stageCode === entered.stage.code)
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const earlierByDelay = new Map<string, string[]>();
  const working = robots.some((r) => r.delay && r.delayIn === "working")
    ? await loadBusinessCalendar(work.trx, ctx.config)
    : null;
  for (const robot of robots) {
    const group = robot.delay ? `${robot.delayIn}:${robot.delay}` : "";
    const after = earlierByDelay.get(group) ?? [];
    const duration = robot.delay ? parseIsoDuration(robot.delay) : null;
    const payload: RobotJobPayload = {
      robotId: robot.id,
      itemId: entered.item.id,
      stageEntryId: entered.stageEntryId,
      after: [...after],
    };
    await work.enqueue(robotJob, payload, {
      key: robotJobKey(robot.id, entered.stageEntryId),
      runAt: duration
        ? dueAt(
            new Date(entered.enteredAt),
            duration,
            robot.delayIn === "working" ? working : null,
            ctx.config.timeZone,
          )
        : undefined,
    });
    earlierByDelay.set(group, [...after, robot.id]);
  }
}

/** Entry + delay: in calendar time, or in working time of the production calendar (nights, weekends, holidays skipped). */
const dueAt = (enteredAt: Date, duration: IsoDuration, working: BusinessCalendar | null, timeZone: string) =>
  (working ? working.addWorkingTime(enteredAt, duration) : addIsoDuration(enteredAt, duration, timeZone)).toISOString();
