import { fromLocal, type Absence, type CreateAbsenceBody } from "@docket/common";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import { conflict, forbidden, notFound, unprocessable } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { notifyUsers } from "../notifications/index.js";
import { inTransaction } from "../../db/work.js";
import { messagesFor } from "../notifications/index.js";
import { assertActiveUsers } from "../users/index.js";
import * as repo from "./people.repository.js";

const DAY_MS = 86_400_000;

const present = (row: repo.AbsenceRow): Absence => ({
  id: row.id,
  userId: row.userId,
  from: row.fromAt,
  to: row.toAt,
  deputyId: row.deputyId,
  reason: row.reason,
  createdAt: row.createdAt,
});

/** A day means its start (`from`) or its end (`to`, the next midnight) in DOCKET_TZ; an exact time is taken as is. */
function instantOf(bound: string, end: boolean, timeZone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bound)) return new Date(bound).toISOString();
  const day = end ? new Date(Date.parse(`${bound}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10) : bound;
  return fromLocal(day, 0, timeZone).toISOString();
}

function assertSelfOrAdmin(actor: Actor, userId: string): void {
  if (actor.id !== userId && !isAdmin(actor)) throw forbidden("Only the user or an administrator can manage absences");
}

async function requireUser(ctx: AppContext, userId: string) {
  const [user] = await repo.findPeople(ctx.db, [userId]);
  if (!user) throw notFound("User not found");
  return user;
}

export async function listAbsences(ctx: AppContext, actor: Actor, userId: string) {
  await requireUser(ctx, userId);
  assertSelfOrAdmin(actor, userId);
  return { items: (await repo.absencesOf(ctx.db, userId)).map(present), nextCursor: null };
}

export async function createAbsence(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: CreateAbsenceBody,
): Promise<Absence> {
  const user = await requireUser(ctx, userId);
  assertSelfOrAdmin(actor, userId);
  const from = instantOf(input.from, false, ctx.config.timeZone);
  const to = instantOf(input.to, true, ctx.config.timeZone);
  if (to <= from) throw unprocessable("The absence must end after it starts", [{ path: "to", message: "Before from" }]);
  if (input.deputyId === userId)
    throw unprocessable("Someone else must stand in", [{ path: "deputyId", message: "Cannot be the user" }]);
  await assertActiveUsers(ctx.db, "deputyId", [input.deputyId]);
  if (await repo.overlappingAbsence(ctx.db, userId, from, to))
    throw conflict("This absence overlaps another absence of the user; delete or shorten that one first", {
      code: "absence_overlaps",
    });
  return inTransaction(ctx, async (work) => {
    const row: repo.AbsenceRow = {
      id: newId(new Date(work.at).getTime()),
      userId,
      deputyId: input.deputyId,
      fromAt: from,
      toAt: to,
      reason: input.reason ?? null,
      createdBy: actor.id,
      createdAt: work.at,
    };
    await repo.insertAbsence(work.trx, row);
    await work.audit({
      actorId: actor.id,
      entityType: "user",
      entityId: userId,
      action: "absence.created",
      details: { absenceId: row.id, from, to, deputyId: input.deputyId },
    });
    await notifyUsers(ctx, work, {
      userIds: [input.deputyId],
      text: (recipient) => messagesFor(recipient.locale).deputyAssigned(user.name, from, to, ctx.config.timeZone),
      link: null,
    });
    return present(row);
  });
}

export async function deleteAbsence(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await repo.findAbsence(ctx.db, id);
  if (!row || (row.userId !== actor.id && !isAdmin(actor))) throw notFound("Absence not found");
  await inTransaction(ctx, async (work) => {
    await repo.deleteAbsenceRow(work.trx, id);
    await work.audit({
      actorId: actor.id,
      entityType: "user",
      entityId: row.userId,
      action: "absence.deleted",
      details: { absenceId: id },
    });
  });
}
