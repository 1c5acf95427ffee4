import type { ApprovalTables } from "../approvals/index.js";
import type { AutomationTables } from "../automation/index.js";
import type { NotificationTables } from "../notifications/index.js";

/** Tables of smart processes (camelCase; the CamelCasePlugin maps them to snake_case columns). */
export interface ProcessesTable {
  id: string;
  code: string;
  name: string;
  access: "all" | "participants";
  stages: string; // JSON: Stage[] in order; the first is where items start
  /** The latest of process_versions; bumped by every change of stages or robots. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A process as it was: its stages and its robots (RobotsTable rows, JSON) from one change to the next. */
export interface ProcessVersionsTable {
  id: string;
  processId: string;
  version: number;
  stages: string;
  robots: string;
  createdBy: string | null;
  createdAt: string;
}

export interface ProcessItemsTable {
  id: string;
  processId: string;
  title: string;
  stageCode: string;
  /** The current row of stage_entries: robots and approvals compare it to know whether they are stale. */
  stageEntryId: string;
  stageEnteredAt: string;
  initiatorId: string | null;
  responsibleId: string | null;
  companyId: string | null;
  fields: string; // JSON object
  /** The process version the item runs under: its stages' robots are that version's. */
  processVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface ItemObserversTable {
  itemId: string;
  userId: string;
}

/** One row per entry of an item into a stage; its id is the stageEntryId robots and approvals are bound to. */
export interface StageEntriesTable {
  id: string;
  itemId: string;
  stageCode: string;
  fromStageCode: string | null;
  enteredAt: string;
  actorId: string | null; // null = automation
  robotId: string | null; // the robot (or approval robot) that moved it, if any
}

export interface ProcessTables extends AutomationTables, ApprovalTables, NotificationTables {
  processes: ProcessesTable;
  processVersions: ProcessVersionsTable;
  processItems: ProcessItemsTable;
  itemObservers: ItemObserversTable;
  stageEntries: StageEntriesTable;
}
