/**
 * Wires smart processes into the rest of the system: stage-entry and stage-removal hooks, and the
 * documents and CRM extension points. Imported for its effect by every process that serves or works.
 */
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../db/schema.js";
import { cancelApprovalsOnMove } from "../modules/approvals/approvals.service.js";
import { scheduleRobots } from "../modules/automation/robot-schedule.js";
import { robotStageRemoval, robotsUsingTemplate, wireVersionRobots } from "../modules/automation/robots.service.js";
import { registerTemplateUsage } from "../modules/templates/index.js";
import { registerCompanyUsage } from "../modules/crm/crm.service.js";
import { extendDocumentParticipants, registerItemLinkCheck } from "../modules/documents/documents.service.js";
import { checkItemLink } from "../modules/processes/item-documents-upload.js";
import { countItemsOfCompany, itemParticipantFilter } from "../modules/processes/items.repository.js";
import { registerStageRemovalHook } from "../modules/processes/processes.service.js";
import { registerStageEntryHook } from "../modules/processes/stage-entry.js";

let wired = false;

export function wireSmartProcesses(): void {
  if (wired) return;
  wired = true;
  // Cancel what was asked in the entry the item left before the new stage's robots ask anything.
  registerStageEntryHook(cancelApprovalsOnMove);
  registerStageEntryHook(scheduleRobots);
  registerStageRemovalHook(robotStageRemoval);
  wireVersionRobots();
  registerItemLinkCheck(checkItemLink);
  registerTemplateUsage(robotsUsingTemplate);
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
