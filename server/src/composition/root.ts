/**
 * The composition root: the one place that knows every module. It lists the kinds of background job the worker runs
 * and wires the hooks through which modules take part in each other's use cases. Servers, workers, the demo and the
 * tests all get them from here (bootstrap.ts); importing a module registers nothing.
 */
import type { ExpressionBuilder } from "kysely";
import type { ModuleHooks } from "../context.js";
import type { Database } from "../db/schema.js";
import type { SomeJobDefinition } from "../jobs/definition.js";
import { cancelApprovalsOnMove, freezeSheetJob } from "../modules/approvals/index.js";
import {
  robotJob,
  robotStageRemoval,
  robotsUsingTemplate,
  scheduleRobots,
  versionRobots,
  webhookJob,
} from "../modules/automation/index.js";
import {
  documentsUsingCompany,
  extractTextJob,
  renderJob,
  type DocumentParticipantsFilter,
} from "../modules/documents/index.js";
import { intakePollJob } from "../modules/intake/index.js";
import { digestJob, emailJob } from "../modules/notifications/index.js";
import { checkItemLink, itemParticipantFilter, itemsUsingCompany } from "../modules/processes/index.js";
import { housekeepingJob } from "./housekeeping.js";

export const jobDefinitions: readonly SomeJobDefinition[] = [
  robotJob,
  webhookJob,
  freezeSheetJob,
  emailJob,
  digestJob,
  extractTextJob,
  renderJob,
  intakePollJob,
  housekeepingJob,
];

/** A document's participants include those of every item it is linked to (for `access: participants` types). */
const participantsOfLinkedItems: DocumentParticipantsFilter = (eb, actorId) =>
  eb.exists(
    eb
      .selectFrom("documentItems")
      .innerJoin("processItems", "processItems.id", "documentItems.itemId")
      .select("documentItems.itemId")
      .whereRef("documentItems.documentId", "=", "documents.id")
      .where((inner) =>
        itemParticipantFilter(inner as unknown as ExpressionBuilder<Database, "processItems">, actorId),
      ),
  );

export const moduleHooks: ModuleHooks = {
  // Cancel what was asked in the entry the item left before the new stage's robots ask anything.
  stageEntry: [cancelApprovalsOnMove, scheduleRobots],
  stageRemoval: [robotStageRemoval],
  versionRobots,
  companyUsage: [itemsUsingCompany, documentsUsingCompany],
  templateUsage: [robotsUsingTemplate],
  itemLinkCheck: checkItemLink,
  documentParticipants: [participantsOfLinkedItems],
};
