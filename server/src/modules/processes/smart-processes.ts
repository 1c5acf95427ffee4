/**
 * Wires smart processes into the rest of the system: stage-entry and stage-removal hooks, job handlers, and the
 * documents and CRM extension points. Imported for its effect by every process that serves or works.
 */
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";
import { cancelApprovalsOnMove } from "../approvals/approvals.service.js";
import { defineAutomationJobs } from "../automation/automation.jobs.js";
import { scheduleRobots } from "../automation/robot-schedule.js";
import { robotStageRemoval } from "../automation/robots.service.js";
import { registerCompanyUsage } from "../crm/crm.service.js";
import { extendDocumentParticipants, registerItemLinkCheck } from "../documents/documents.service.js";
import "../notifications/notification-email.job.js";
import "../notifications/digest.job.js";
import { checkItemLink } from "./item-documents-upload.js";
import { countItemsOfCompany, itemParticipantFilter } from "./items.repository.js";
import { registerStageRemovalHook } from "./processes.service.js";
import { registerStageEntryHook } from "./stage-entry.js";

let wired = false;

export function wireSmartProcesses(): void {
  if (wired) return;
  wired = true;
  // Cancel what was asked in the entry the item left before the new stage's robots ask anything.
  registerStageEntryHook(cancelApprovalsOnMove);
  registerStageEntryHook(scheduleRobots);
  registerStageRemovalHook(robotStageRemoval);
  defineAutomationJobs();
  registerItemLinkCheck(checkItemLink);
  registerCompanyUsage(async (db, companyId) => {
    const count = await countItemsOfCompany(db, companyId);
    return count > 0 ? `${count} process item(s) refer to it` : null;
  });
  // A document's participants include those of every item it is linked to (for `access: participants` types).
  extendDocumentParticipants((eb, actorId) =>
    eb.exists(
      eb
        .selectFrom("documentItems")
        .innerJoin("processItems", "processItems.id", "documentItems.itemId")
        .select("documentItems.itemId")
        .whereRef("documentItems.documentId", "=", "documents.id")
        .where((inner) =>
          itemParticipantFilter(inner as unknown as ExpressionBuilder<Database, "processItems">, actorId),
        ),
    ),
  );
}

wireSmartProcesses();
