export interface RobotsTable {
  id: string;
  processId: string;
  stageCode: string;
  position: number; // robots of one stage and delay run in this order
  name: string | null;
  kind: string;
  delay: string | null; // ISO-8601 duration; null = at once
  delayIn: "calendar" | "working";
  condition: string | null; // JSON RobotCondition
  params: string; // JSON
  createdAt: string;
  updatedAt: string;
}

/** Unique (robotId, stageEntryId): the row is written in the transaction of the robot's effect, so it runs once. */
export interface RobotRunsTable {
  id: string;
  robotId: string;
  itemId: string;
  stageEntryId: string;
  at: string;
  outcome: "done" | "skipped" | "failed";
  error: string | null;
}

/** Generated once per installation; see webhook-secret.ts. */
export interface InstallationSecretsTable {
  name: string;
  value: string;
  createdAt: string;
}

export interface AutomationTables {
  robots: RobotsTable;
  robotRuns: RobotRunsTable;
  installationSecrets: InstallationSecretsTable;
}
