import {
  createRobotBody,
  type CreateRobotBody,
  type Robot,
  type RobotCondition,
  type UpdateRobotBody,
} from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { AppError, badRequest, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { inTransaction, inWork, type Work, type Trx } from "../../db/work.js";
import {
  activeUsers,
  recordProcessVersion,
  requireProcess,
  stageOf,
  type LoadedProcess,
  type StageRemovalHook,
  type VersionRobots,
} from "../processes/index.js";
import { findTemplate } from "../templates/index.js";
import * as repo from "./robots.repository.js";
import { assertPublicWebhookUrl, WebhookTargetRefused } from "./webhook-target.js";

export function presentRobot(row: repo.RobotRow): Robot {
  return {
    id: row.id,
    processId: row.processId,
    stage: row.stageCode,
    name: row.name,
    delay: row.delay,
    delayIn: row.delayIn,
    condition: row.condition ? (JSON.parse(row.condition) as RobotCondition) : null,
    kind: row.kind,
    params: JSON.parse(row.params) as Record<string, unknown>,
    createdAt: row.createdAt,
  };
}

/** Stages named in a robot's params (where it moves items), so they can be checked and protected from removal. */
export function targetStagesOf(kind: string, params: Record<string, unknown>): string[] {
  if (kind === "moveToStage") return [String(params.stage)];
  if (kind === "requestApproval") return [String(params.onApprove), String(params.onReject)];
  return [];
}

/** User ids a robot's params name directly ("responsible", "initiator", "observers" are resolved at run time). */
function usersNamedIn(robot: CreateRobotBody): string[] {
  const roles = new Set(["responsible", "initiator", "observers", "initiatorManager", "responsibleManager"]);
  switch (robot.kind) {
    case "setResponsible":
      return [robot.params.userId];
    case "notify":
      return robot.params.to.filter((to) => !roles.has(to));
    case "requestApproval":
      return robot.params.approvers.filter((a) => !roles.has(a));
    case "setDocumentStatus":
    case "moveToStage":
    case "webhook":
    case "attachApprovalSheet":
    case "generateDocument":
      return [];
  }
}

async function assertRobotFits(db: Db, process: LoadedProcess, robot: CreateRobotBody): Promise<void> {
  const errors = [];
  if (!stageOf(process, robot.stage)) errors.push({ path: "stage", message: "No such stage in this process" });
  for (const code of targetStagesOf(robot.kind, robot.params)) {
    if (!stageOf(process, code)) errors.push({ path: "params", message: `No stage "${code}" in this process` });
  }
  if (robot.kind === "moveToStage" && robot.params.stage === robot.stage && robot.delay === null)
    errors.push({ path: "params.stage", message: "A robot cannot move an item into the stage it runs on at once" });
  if (robot.kind === "generateDocument") {
    const template = await findTemplate(db, robot.params.templateId);
    if (!template || template.archivedAt)
      errors.push({ path: "params.templateId", message: "No such document template" });
  }
  const named = [...new Set(usersNamedIn(robot))];
  const found = await activeUsers(db, named);
  const missing = named.filter((id) => !found.some((u) => u.id === id));
  if (missing.length > 0) errors.push({ path: "params", message: `No such active user: ${missing.join(", ")}` });
  if (errors.length > 0) throw unprocessable("The robot does not fit this process", errors);
}

/** DOCKET_WEBHOOK_ALLOW_PRIVATE=false: a webhook may not point at the LAN or the server itself (checked again at send). */
async function assertWebhookTargetAllowed(ctx: AppContext, robot: CreateRobotBody): Promise<void> {
  if (robot.kind !== "webhook" || ctx.config.webhookAllowPrivate) return;
  try {
    await assertPublicWebhookUrl(robot.params.url);
  } catch (error) {
    if (!(error instanceof WebhookTargetRefused)) throw error;
    throw new AppError("webhook_target_private", error.message, [{ path: "params.url", message: error.message }]);
  }
}

export async function listRobots(ctx: AppContext, processId: string): Promise<{ items: Robot[]; nextCursor: null }> {
  const process = await requireProcess(ctx.db, processId);
  const rows = await repo.robotsOfProcess(ctx.db, processId);
  const order = (code: string) => process.stages.findIndex((s) => s.code === code);
  rows.sort((a, b) => order(a.stageCode) - order(b.stageCode) || a.position - b.position);
  return { items: rows.map(presentRobot), nextCursor: null };
}

export async function createRobot(
  ctx: AppContext,
  actor: Actor,
  processId: string,
  input: CreateRobotBody,
  callerWork?: Work,
): Promise<Robot> {
  await assertWebhookTargetAllowed(ctx, input); // resolves the name: before, not inside, the transaction
  const row = await inWork(ctx, callerWork, async (work) => {
    const { trx, at } = work;
    const process = await requireProcess(trx, processId);
    await assertRobotFits(trx, process, input);
    const row: repo.RobotRow = {
      id: newId(),
      processId,
      stageCode: input.stage,
      position: await repo.nextPosition(trx, processId, input.stage),
      ...settingsColumns(input),
      createdAt: at,
      updatedAt: at,
    };
    await repo.insertRobot(trx, row);
    await recordProcessVersion(ctx, work, processId, actor.id);
    await audit(work, actor, processId, "robot.created", row);
    return row;
  });
  return presentRobot(row);
}

/** What a robot does and when, as its row stores it (the condition and the params as JSON). */
const settingsColumns = (robot: CreateRobotBody) => ({
  name: robot.name ?? null,
  kind: robot.kind,
  delay: robot.delay,
  delayIn: robot.delayIn,
  condition: robot.condition ? JSON.stringify(robot.condition) : null,
  params: JSON.stringify(robot.params),
});

async function requireRobot(db: Db, id: string): Promise<repo.RobotRow> {
  const row = await repo.findRobot(db, id);
  if (!row) throw notFound("Robot not found");
  return row;
}

/** A patch is merged into the robot and the result is checked whole, since the params depend on the kind. */
export async function updateRobot(ctx: AppContext, actor: Actor, id: string, input: UpdateRobotBody): Promise<Robot> {
  const existing = presentRobot(await requireRobot(ctx.db, id));
  const parsed = createRobotBody.safeParse({ ...existing, ...input });
  if (!parsed.success)
    throw badRequest(
      "Invalid robot",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "body", message: i.message })),
    );
  const robot = parsed.data;
  const process = await requireProcess(ctx.db, existing.processId);
  await assertRobotFits(ctx.db, process, robot);
  await assertWebhookTargetAllowed(ctx, robot);
  await inTransaction(ctx, async (work) => {
    const { trx, at } = work;
    const movesStage = robot.stage !== existing.stage;
    await repo.updateRobotRow(trx, id, {
      stageCode: robot.stage,
      ...(movesStage && { position: await repo.nextPosition(trx, existing.processId, robot.stage) }),
      ...settingsColumns(robot),
      updatedAt: at,
    });
    await recordProcessVersion(ctx, work, existing.processId, actor.id);
    await audit(work, actor, existing.processId, "robot.updated", { id, changed: Object.keys(input) });
  });
  return presentRobot(await requireRobot(ctx.db, id));
}

/** Jobs already enqueued for a deleted robot find no robot and do nothing. */
export async function deleteRobot(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const existing = await requireRobot(ctx.db, id);
  await inTransaction(ctx, async (work) => {
    await repo.deleteRobotRow(work.trx, id);
    await recordProcessVersion(ctx, work, existing.processId, actor.id);
    await audit(work, actor, existing.processId, "robot.deleted", { id, kind: existing.kind });
  });
}

const audit = (work: Work, actor: Actor, processId: string, action: string, details: object) =>
  work.audit({
    actorId: actor.id,
    entityType: "process",
    entityId: processId,
    action,
    details: { robot: details },
  });

/** The templates hook: names the robots that generate from a template (it may not be deleted under them). */
export async function robotsUsingTemplate(db: Db, templateId: string): Promise<string | null> {
  const robots = (await repo.robotsOfKind(db, "generateDocument")).filter(
    (r) => (JSON.parse(r.params) as { templateId?: string }).templateId === templateId,
  );
  if (robots.length === 0) return null;
  const names = await Promise.all(
    robots.map(async (r) => `«${r.name ?? r.kind}» (${(await requireProcess(db, r.processId)).name}, ${r.stageCode})`),
  );
  return `robot${robots.length > 1 ? "s" : ""} ${names.join(", ")}`;
}

/** The processes hook: robots elsewhere that move items into a removed stage block its removal. */
export const robotStageRemoval: StageRemovalHook = {
  async refuse(trx: Trx, processId: string, removed: string[]): Promise<string | null> {
    if (removed.length === 0) return null;
    const gone = new Set(removed);
    const robots = await repo.robotsOfProcess(trx, processId);
    const blocking = robots.filter(
      (r) =>
        !gone.has(r.stageCode) &&
        targetStagesOf(r.kind, JSON.parse(r.params) as Record<string, unknown>).some((c) => gone.has(c)),
    );
    return blocking.length > 0
      ? `Robots move items into stage(s) ${removed.join(", ")}; change or delete those robots first`
      : null;
  },
  async removed(trx: Trx, processId: string, removed: string[]): Promise<void> {
    await repo.deleteRobotsOfStages(trx, processId, removed);
  },
};

/** The processes hook: a version snapshots the process's robot rows, and presents them as robots. */
export const versionRobots: VersionRobots = {
  snapshot: (trx, processId) => repo.robotsOfProcess(trx, processId),
  present: (rows) => (rows as repo.RobotRow[]).map(presentRobot),
};
