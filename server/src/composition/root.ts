/**
 * The composition root: every kind of background job this build runs. The worker is given this list; nothing is
 * registered by importing a module.
 */
import type { SomeJobDefinition } from "../jobs/definition.js";
import { freezeSheetJob } from "../modules/approvals/index.js";
import { robotJob, webhookJob } from "../modules/automation/index.js";
import { extractTextJob, renderJob } from "../modules/documents/index.js";
import { intakePollJob } from "../modules/intake/index.js";
import { digestJob, emailJob } from "../modules/notifications/index.js";
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
