import type { IntakeState, IntakeStatus } from "@docket/common";
import type { Db } from "../../db/database.js";
import type { AppContext } from "../../context.js";
import * as repo from "./intake.repository.js";
import { mailboxLabel } from "./intake.service.js";

const RECENT = 20;

/** For /api/health: whether intake is on and how its last poll went (no addresses, no errors: health is public). */
export async function intakeState(ctx: Pick<AppContext, "config"> & { db: Db }): Promise<IntakeState> {
  if (!ctx.config.imap) return "off";
  const status = await repo.readStatus(ctx.db);
  if (!status?.lastPollAt) return "waiting";
  return status.lastError ? "failing" : "ok";
}

/** The settings screen's view of intake: configuration (without the password), last polls and recent messages. */
export async function intakeStatus(ctx: AppContext): Promise<IntakeStatus> {
  const config = ctx.config.imap;
  const [state, status, recent] = await Promise.all([
    intakeState(ctx),
    repo.readStatus(ctx.db),
    repo.recentMessages(ctx.db, RECENT),
  ]);
  return {
    state,
    mailbox: config ? mailboxLabel(config) : null,
    typeCode: config?.typeCode ?? null,
    doneFolder: config?.doneFolder ?? null,
    failedFolder: config ? `${config.doneFolder}/Failed` : null,
    intervalSeconds: config ? config.intervalMs / 1000 : null,
    lastPollAt: status?.lastPollAt ?? null,
    lastSuccessAt: status?.lastSuccessAt ?? null,
    lastError: status?.lastError ?? null,
    recent: recent.map((r) => ({ ...r, documentIds: JSON.parse(r.documentIds) as string[] })),
  };
}
