import { createRobotBody, type CreateRobotBody } from "@docket/common";
import type { AppContext } from "../../context.js";
import type { JobInfo } from "../../jobs/definition.js";
import { AppError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { BatchRunAgain, inSavepoint, oncePerTransaction, type Trx, type Work } from "../../db/work.js";
import { linkedDocuments, type ItemDocument, type LoadedProcess } from "../processes/index.js";
import { companyName, processOfItem, type ItemRow } from "../processes/index.js";
import { conditionHolds, conditionValues } from "./conditions.js";
import { performRobot, RobotFailure } from "./robot-actions.js";
import type { RobotJobPayload } from "./automation.jobs.js";
import { presentRobot } from "./robots.service.js";
import { metrics } from "../../metrics/metrics.js";
import * as repo from "./robots.repository.js";

export type RunResult = "done" | "skipped" | "failed" | "stale" | "already-ran" | "robot-gone";
type Target = Pick<RobotJobPayload, "itemId" | "stageEntryId">;
type LoadedRobot = CreateRobotBody & { id: string };

/**
 * The job: the robots that come first in its stage and delay, then this one; each runs at most once. It runs in the
 * worker's Work (one transaction per batch of robot jobs), each robot behind a savepoint of its own, and a chain of
 * robots behind one more, so a retry takes the whole chain again. A lone robot's savepoint is the job's.
 */
export async function runRobotJob(ctx: AppContext, work: Work, payload: RobotJobPayload, job: JobInfo): Promise<void> {
  if (payload.after.length === 0) {
    await runRobotOnce(ctx, work, payload.robotId, payload, job);
    return;
  }
  await inSavepoint(work, async (chainWork) => {
    for (const robotId of [...payload.after, payload.robotId]) {
      const result = await runRobotOnce(ctx, chainWork, robotId, payload, job);
      if (result === "stale") return; // the item left the entry (perhaps moved by a robot of this chain)
    }
  });
}

/**
 * One robot for one stage entry, exactly once: the run row (unique per robot and entry) is written in the same
 * transaction as the robot's effect, after the item row is locked and found still in that entry. A stale entry,
 * a deleted robot or an earlier run make this a no-op. Unexpected errors are retried by the job; a robot's own
 * failure, or the last attempt, rolls back what the robot did and is recorded as a failed run.
 */
async function runRobotOnce(
  ctx: AppContext,
  work: Work,
  robotId: string,
  target: Target,
  job: JobInfo,
): Promise<RunResult> {
  let result: RunResult;
  try {
    result = await inSavepoint(work, (robotWork) => runRobot(ctx, robotWork, robotId, target));
  } catch (error) {
    if (error instanceof BatchRunAgain) throw error; // nothing to record: the batch runs again, this robot in a savepoint
    const final = error instanceof RobotFailure || error instanceof AppError || job.attempts >= job.maxAttempts;
    if (!final) throw error;
    ctx.log.warn({ robotId, ...target, err: error }, "robot failed");
    result = await recordFailure(ctx, work, robotId, target, error);
  }
  if (result === "done" || result === "skipped" || result === "failed") {
    const outcome = result;
    work.afterCommit(() => metrics.robotRuns.inc({ outcome }));
  }
  return result;
}

interface VersionRobots {
  process: LoadedProcess;
  /** The robots the version runs, by id, with their settings parsed (or why they cannot be). */
  robots: Map<string, { row: repo.RobotRow; robot: LoadedRobot | RobotFailure }>;
}

const versionsOfTransaction = oncePerTransaction<VersionRobots>();

/**
 * A process version's stages and robots, read once per transaction: the robots of a worker's batch mostly belong to
 * one process, and nothing a robot does changes a process's definition. (A robot deleted while a batch runs may
 * still run in it, as one deleted while its own transaction ran always could.)
 */
const versionOf = (trx: Trx, item: ItemRow): Promise<VersionRobots> =>
  versionsOfTransaction(trx, `${item.processId}:${item.processVersion}`, () => loadVersion(trx, item));

async function loadVersion(trx: Trx, item: ItemRow): Promise<VersionRobots> {
  const rows = await repo.robotsOfItemVersion(trx, item);
  const process = await processOfItem(trx, item);
  return { process, robots: new Map(rows.map((row) => [row.id, { row, robot: loadRobot(row) }])) };
}

function loadRobot(row: repo.RobotRow): LoadedRobot | RobotFailure {
  const parsed = createRobotBody.safeParse(presentRobot(row));
  if (!parsed.success) return new RobotFailure(`The robot's settings are invalid: ${parsed.error.message}`);
  return { ...parsed.data, id: row.id };
}

async function runRobot(ctx: AppContext, work: Work, robotId: string, target: Target): Promise<RunResult> {
  const runId = newId(new Date(work.at).getTime());
  const locked = await repo.lockItemAndClaimRun(work.trx, ctx.dialect, {
    id: runId,
    robotId,
    itemId: target.itemId,
    stageEntryId: target.stageEntryId,
    at: work.at,
    outcome: "done",
    error: null,
  });
  if (!locked) return "stale";
  const { item, claimed } = locked;
  const version = await versionOf(work.trx, item);
  const loaded = version.robots.get(robotId);
  if (!loaded) {
    if (claimed) await repo.releaseRun(work.trx, runId);
    return "robot-gone";
  }
  if (!claimed) return "already-ran";
  const { robot } = loaded;
  if (robot instanceof RobotFailure) throw robot;
  // Read when the condition or the action looks at them (most robots, setResponsible among them, do not).
  let linked: Promise<ItemDocument[]> | undefined;
  const documents = () => (linked ??= linkedDocuments(work.trx, item.id));
  if (robot.condition) {
    // `company` reads the company's name, the way a person names it in a condition.
    const company = await companyName(work.trx, item.companyId);
    const subject = { item: itemAttributes(item, company), documents: docAttributes(await documents()) };
    if (!conditionHolds(robot.condition, subject)) {
      await repo.settleRun(work.trx, runId, { outcome: "skipped", error: null });
      // The values it looked at, so the history can say why ("amount = 500 000").
      const actual = conditionValues(robot.condition, subject).filter((v) => v !== undefined);
      await auditRun(work, item.id, "robot.skipped", robot, {
        stageEntryId: target.stageEntryId,
        condition: robot.condition,
        actual,
      });
      return "skipped";
    }
  }
  const details = await performRobot(ctx, work, {
    robot,
    process: version.process,
    item,
    documents,
    stageEntryId: target.stageEntryId,
    runId,
  });
  await auditRun(work, item.id, "robot.ran", robot, { stageEntryId: target.stageEntryId, ...details });
  return "done";
}

async function recordFailure(
  ctx: AppContext,
  work: Work,
  robotId: string,
  target: Target,
  error: unknown,
): Promise<RunResult> {
  const message = error instanceof Error ? error.message : String(error);
  return inSavepoint(work, async (failureWork) => {
    const { trx, at } = failureWork;
    const row = await repo.findRobot(trx, robotId);
    if (!row) return "stale";
    const locked = await repo.lockItemAndClaimRun(trx, ctx.dialect, {
      id: newId(new Date(at).getTime()),
      robotId,
      itemId: target.itemId,
      stageEntryId: target.stageEntryId,
      at,
      outcome: "failed",
      error: message.slice(0, 2000),
    });
    if (!locked) return "stale";
    if (!locked.claimed) return "already-ran";
    const { item } = locked;
    await auditRun(failureWork, item.id, "robot.failed", row, { stageEntryId: target.stageEntryId, error: message });
    return "failed";
  });
}

function itemAttributes(item: ItemRow, company: string | null): Record<string, unknown> {
  const { fields, ...attributes } = item;
  return { ...attributes, stage: item.stageCode, company, ...(JSON.parse(fields) as Record<string, unknown>) };
}

const docAttributes = (documents: ItemDocument[]) =>
  documents.map(({ fields, ...attributes }) => ({ ...attributes, status: attributes.statusCode, ...fields }));

/** The history row of a run: actor null (automation) and the robot that acted. */
const auditRun = (
  work: Work,
  itemId: string,
  action: string,
  robot: { id: string; kind: string; name?: string | null },
  details: object,
) =>
  work.audit({
    actorId: null,
    entityType: "item",
    entityId: itemId,
    action,
    details: { robot: { id: robot.id, kind: robot.kind, name: robot.name ?? null }, ...details },
  });
