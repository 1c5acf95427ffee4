import { createDocumentTypeBody, createProcessBody, createRobotBody, type CreateRobotInput } from "@docket/common";
import type { Actor, AppContext } from "../context.js";
import { AppError } from "../lib/errors.js";
import { inTransaction } from "../db/work.js";
import { createRobot } from "../modules/automation/robots.service.js";
import { createDocumentType } from "../modules/documents/document-types.service.js";
import { createProcess } from "../modules/processes/processes.service.js";
import { firstAdmin } from "../modules/users/users.repository.js";
import { MISSION } from "./mission.js";

const DONE_ACTION = "system.provisioned";

async function alreadyProvisioned(ctx: AppContext): Promise<boolean> {
  // By entity, which the audit index covers: this runs on every start, however long the audit log grows.
  const row = await ctx.db
    .selectFrom("auditLog")
    .select("id")
    .where("entityType", "=", "system")
    .where("entityId", "=", "provisioning")
    .where("action", "=", DONE_ACTION)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * On first start (once an administrator exists) creates the mission's document types and the contract approval
 * process with its robots, in DOCKET_LOCALE. Everything, with the audit row that marks it done, is one Work: a crash
 * or a refusal midway leaves nothing behind, and the next start provisions from the beginning; once done, a restart
 * adds nothing. Returns whether it provisioned now.
 */
export async function provisionIfNeeded(ctx: AppContext): Promise<boolean> {
  if (!ctx.config.provision || (await alreadyProvisioned(ctx))) return false;
  const admin = await firstAdmin(ctx.db);
  if (!admin) return false; // the setup form calls this again once the first administrator exists
  const actor: Actor = { id: admin.id, name: admin.name, role: "admin" };
  const text = MISSION[ctx.config.locale];
  try {
    await inTransaction(ctx, async (work) => {
      for (const type of text.types) {
        await createDocumentType(
          ctx,
          actor,
          createDocumentTypeBody.parse({
            code: type.code,
            name: type.name,
            folder: type.folder,
            numbering: { template: type.numbering, reset: "year" },
            statuses: type.statuses,
            fields: type.fields,
            access: "all",
          }),
          work,
        );
      }
      const process = await createProcess(
        ctx,
        actor,
        createProcessBody.parse({
          code: text.process.code,
          name: text.process.name,
          access: "all",
          stages: text.process.stages,
        }),
        work,
      );
      for (const robot of approvalRobots(admin.id, text.messages)) {
        await createRobot(ctx, actor, process.id, createRobotBody.parse(robot), work);
      }
      await work.audit({
        actorId: null,
        entityType: "system",
        entityId: "provisioning",
        action: DONE_ACTION,
        details: { locale: ctx.config.locale },
      });
    });
  } catch (error) {
    // Another process provisioning at the same moment committed first (its unique codes refused ours).
    if (await alreadyProvisioned(ctx)) return false;
    // Something in the way (e.g. a type with a mission code made by hand): start anyway, and say so.
    if (error instanceof AppError && error.code === "conflict") {
      ctx.log.warn({ err: error }, "provisioning skipped; it is tried again at the next start");
      return false;
    }
    throw error;
  }
  ctx.log.info({ locale: ctx.config.locale }, "provisioned the mission's document types and contract approval process");
  return true;
}

/** Robots of "Согласование договора": assign and notify per stage, remind after a working day, set the contracts' status. */
function approvalRobots(adminId: string, messages: (typeof MISSION)["ru"]["messages"]): CreateRobotInput[] {
  const inProgress = ["new", "legal", "manager", "signing"];
  const assign = (stage: string): CreateRobotInput => ({
    stage,
    kind: "setResponsible",
    params: { userId: adminId },
    delay: null,
  });
  const notify = (stage: string, message: string): CreateRobotInput => ({
    stage,
    kind: "notify",
    params: { to: ["responsible"], message },
    delay: null,
  });
  const status = (stage: string, code: string): CreateRobotInput => ({
    stage,
    kind: "setDocumentStatus",
    params: { status: code },
    delay: null,
  });
  return [
    ...["legal", "manager", "signing"].map(assign),
    notify("legal", messages.review),
    notify("manager", messages.approve),
    notify("signing", messages.sign),
    status("legal", "review"),
    {
      stage: "manager",
      kind: "requestApproval",
      params: { approvers: ["responsible"], mode: "any", onApprove: "signing", onReject: "rejected" },
      delay: null,
    },
    status("signing", "approved"),
    ...inProgress.map((stage): CreateRobotInput => ({
      stage,
      kind: "notify",
      params: { to: ["initiator"], message: messages.reminder },
      // One working day of the production calendar: a contract left on Friday evening reminds on Monday, not Saturday.
      delay: "P1D",
      delayIn: "working",
    })),
    status("done", "signed"),
    status("rejected", "rejected"),
  ];
}
