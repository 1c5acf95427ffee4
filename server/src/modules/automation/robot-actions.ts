import { createHmac } from "node:crypto";
import type { CreateRobotBody } from "@docket/common";
import type { Actor, AppContext } from "../../context.js";
import { AppError } from "../../lib/errors.js";
import { attachApprovalSheet, itemLink, requestApproval } from "../approvals/index.js";
import { setDocumentStatus } from "../documents/index.js";
import { notifyUsers } from "../notifications/index.js";
import { oncePerTransaction, type Work } from "../../db/work.js";
import { actingPersonFor } from "../people/index.js";
import { managerOf } from "../people/index.js";
import { documentsVisibleTo, type ItemDocument } from "../processes/index.js";
import {
  activeUsers,
  assignResponsible,
  companyName,
  enterStage,
  isAutomationLooping,
  observerIdsOf,
  presentItem,
  stageOf,
  type ItemRow,
  type LoadedProcess,
} from "../processes/index.js";
import { generateInWork } from "../templates/index.js";
import { webhookJob } from "./automation.jobs.js";
import { renderMessage } from "./placeholders.js";

/** A robot that cannot do its work for a reason retrying will not fix; recorded as failed at once. */
export class RobotFailure extends Error {}

export interface RobotRun {
  robot: CreateRobotBody & { id: string };
  process: LoadedProcess;
  item: ItemRow;
  /** The item's linked documents, read on the first call. */
  documents: () => Promise<ItemDocument[]>;
  stageEntryId: string;
  runId: string;
}

export const signWebhook = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** Does the robot's work inside the run's transaction; returns what the history should say about it. */
export async function performRobot(ctx: AppContext, work: Work, run: RobotRun): Promise<Record<string, unknown>> {
  const { robot, item } = run;
  switch (robot.kind) {
    case "setResponsible": {
      const { user, acting } = await responsibleFor(work, robot.params.userId);
      await assignResponsible(work.trx, item, acting.id, work.at);
      return { responsible: acting, ...(acting.id !== user.id && { insteadOf: user }) };
    }
    case "notify": {
      const { ids, skipped } = await resolveRecipients(work, item, robot.params.to);
      const documents = await run.documents();
      const text = await renderFor(work, run, robot.params.message, documents);
      const notified = await notifyUsers(ctx, work, {
        userIds: ids,
        // A recipient may be someone (or the deputy of someone) who may not open every linked document: their
        // copy quotes only the documents they may open.
        text: async (recipient) =>
          renderFor(work, run, robot.params.message, await documentsSeenBy(ctx, work, documents, recipient)),
        link: itemLink(item.id),
        itemId: item.id,
      });
      return { recipients: notified, text, ...(skipped.length > 0 && { skipped }) };
    }
    case "setDocumentStatus":
      return { documents: await setStatusOfDocuments(ctx, work, run, robot.params.status) };
    case "requestApproval": {
      const { ids: approverIds, skipped } = await resolveRecipients(work, item, robot.params.approvers);
      if (approverIds.length === 0)
        throw new RobotFailure(
          ["No approvers: the item has no responsible and no one is named", ...skipped.map((s) => s.reason)].join("; "),
        );
      const round = await requestApproval(ctx, work, {
        process: run.process,
        item,
        robotId: robot.id,
        stageEntryId: run.stageEntryId,
        approverIds,
        mode: robot.params.mode,
        onApprove: robot.params.onApprove,
        onReject: robot.params.onReject,
        deadline: robot.params.deadline,
        reapprove: robot.params.reapprove,
        documents: await run.documents(),
      });
      return { ...round, approvers: approverIds, mode: robot.params.mode, ...(skipped.length > 0 && { skipped }) };
    }
    case "attachApprovalSheet":
      return attachApprovalSheet(ctx, work, item, robot.params.typeId);
    case "generateDocument": {
      const document = await generateInWork(ctx, work, null, item, { templateId: robot.params.templateId });
      return { documentId: document.id, number: document.number, templateId: robot.params.templateId };
    }
    case "moveToStage": {
      const target = stageOf(run.process, robot.params.stage);
      if (!target) throw new RobotFailure(`No stage "${robot.params.stage}" in this process`);
      if (target.code === item.stageCode) return { to: target.code, moved: false };
      if (await isAutomationLooping(work.trx, item.id, work.at))
        throw new RobotFailure("Robots keep moving this item between stages; stopped to break the loop");
      await enterStage(ctx, work, run.process, item, target, {
        actorId: null,
        robotId: robot.id,
        reason: "robot.moveToStage",
      });
      return { to: { code: target.code, name: target.name } };
    }
    case "webhook": {
      const body = JSON.stringify({
        event: "robot.webhook",
        deliveryId: run.runId,
        robotId: robot.id,
        stageEntryId: run.stageEntryId,
        item: await presentItem({ ...ctx, db: work.trx }, item, null),
      });
      // Delivery is a job of its own with retries; the run is recorded once, the POST may be repeated.
      await work.enqueue(
        webhookJob,
        { url: robot.params.url, body, deliveryId: run.runId },
        { key: `webhook:${run.runId}` },
      );
      return { url: robot.params.url, deliveryId: run.runId };
    }
  }
}

interface Responsible {
  user: { id: string; name: string };
  /** The user, or whoever stands in for them at the moment of the work. */
  acting: { id: string; name: string };
}

const responsiblesOfTransaction = oncePerTransaction<Responsible>();

/**
 * Who a setResponsible robot assigns, read once per transaction and moment: a worker's batch of robots mostly names
 * one user, and no robot changes users or absences. (An absence entered while a batch runs counts from the next
 * batch on, as it would had the batch run a moment earlier.) A robot that failed on it (an inactive user) does not
 * make the next one fail without looking again.
 */
const responsibleFor = (work: Work, userId: string): Promise<Responsible> =>
  responsiblesOfTransaction(work.trx, `${userId}@${work.at}`, () => readResponsible(work, userId));

async function readResponsible(work: Work, userId: string): Promise<Responsible> {
  const [user] = await activeUsers(work.trx, [userId]);
  if (!user) throw new RobotFailure(`User ${userId} is not an active user`);
  // Someone away does not get new work: whoever stands in for them does, and the history says for whom.
  const actingId = await actingPersonFor(work.trx, user.id, work.at);
  const [acting] = actingId === user.id ? [user] : await activeUsers(work.trx, [actingId]);
  return { user, acting: acting! };
}

interface Resolved {
  ids: string[];
  /** References that named nobody, and why (shown in the item's history). */
  skipped: { ref: string; reason: string }[];
}

async function resolveRecipients(work: Work, item: ItemRow, refs: string[]): Promise<Resolved> {
  const ids: string[] = [];
  const skipped: Resolved["skipped"] = [];
  for (const ref of refs) {
    if (ref === "responsible") {
      if (item.responsibleId) ids.push(item.responsibleId);
    } else if (ref === "initiator") {
      if (item.initiatorId) ids.push(item.initiatorId);
    } else if (ref === "observers") ids.push(...(await observerIdsOf(work.trx, item.id)));
    else if (ref === "initiatorManager" || ref === "responsibleManager") {
      const personId = ref === "initiatorManager" ? item.initiatorId : item.responsibleId;
      if (!personId) {
        skipped.push({ ref, reason: `the item has no ${ref === "initiatorManager" ? "initiator" : "responsible"}` });
        continue;
      }
      const found = await managerOf(work.trx, personId);
      if (found.reason === null) ids.push(found.managerId);
      else skipped.push({ ref, reason: found.reason });
    } else ids.push(ref);
  }
  const active = await activeUsers(work.trx, [...new Set(ids)]);
  return { ids: active.map((u) => u.id), skipped };
}

async function documentsSeenBy(
  ctx: AppContext,
  work: Work,
  documents: ItemDocument[],
  recipient: Actor,
): Promise<ItemDocument[]> {
  if (documents.length === 0) return documents;
  const visible = await documentsVisibleTo(
    { db: work.trx, hooks: ctx.hooks },
    recipient,
    documents.map((d) => d.id),
  );
  return documents.filter((d) => visible.has(d.id));
}

/** The robot's message; `documents` are those the reader may open (the history's copy is redacted when shown). */
async function renderFor(work: Work, run: RobotRun, template: string, documents: ItemDocument[]): Promise<string> {
  const { item } = run;
  const people = await activeUsers(
    work.trx,
    [item.responsibleId, item.initiatorId].filter((id): id is string => !!id),
  );
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? "";
  const numbers = documents.map((d) => d.number).join(", ");
  const company = (await companyName(work.trx, item.companyId)) ?? "";
  return renderMessage(template, {
    "item.title": item.title,
    "item.stage": stageOf(run.process, item.stageCode)?.name ?? item.stageCode,
    "item.summary": [`«${item.title}»`, numbers, company].filter((part) => part !== "").join(", "),
    "document.number": numbers,
    "document.title": documents.map((d) => d.title).join(", "),
    "company.name": company,
    "responsible.name": nameOf(item.responsibleId),
    "initiator.name": nameOf(item.initiatorId),
  });
}

/** Every linked document whose type has the status takes it; documents of other types are left alone. */
async function setStatusOfDocuments(ctx: AppContext, work: Work, run: RobotRun, status: string) {
  const changed: { id: string; number: string; from: string; to: string }[] = [];
  for (const doc of await run.documents()) {
    try {
      const change = await setDocumentStatus(work, null, doc.id, status, `robot ${run.robot.id}`);
      if (change.changed) changed.push({ id: doc.id, number: doc.number, from: change.from, to: change.to });
    } catch (error) {
      if (error instanceof AppError && error.code === "unprocessable") continue; // not a status of that type
      throw error;
    }
  }
  return changed;
}
