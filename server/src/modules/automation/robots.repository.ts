import type { Selectable, Updateable } from "kysely";
import { compiledQuery } from "../../db/compiled-query.js";
import type { Db } from "../../db/database.js";
import type { Dialect } from "../../db/dialect.js";
import type { Trx } from "../../db/work.js";
import {
  ITEM_COLUMNS,
  lockItemInEntry,
  lockItemInEntryForUpdate,
  robotRowsOfVersion,
  type ItemRow,
} from "../processes/index.js";
import type { RobotRunsTable, RobotsTable } from "./automation.tables.js";

export type RobotRow = Selectable<RobotsTable>;
export type RobotRunRow = Selectable<RobotRunsTable>;

/**
 * The robots an item runs: those of its process version, as they were when that version was made (live ones when
 * the version has no snapshot). A robot deleted since is left out for every version: deleting is how an admin
 * stops a robot that misbehaves, and it must stop for the items already running too.
 */
export async function robotsOfItemVersion(
  db: Db,
  item: { processId: string; processVersion: number },
): Promise<RobotRow[]> {
  const live = await robotsOfProcess(db, item.processId);
  const snapshot = await robotRowsOfVersion(db, item.processId, item.processVersion);
  if (!snapshot) return live;
  const existing = new Set(live.map((r) => r.id));
  return (snapshot as RobotRow[]).filter((r) => existing.has(r.id));
}

export const findRobot = (db: Db, id: string) =>
  db.selectFrom("robots").selectAll().where("id", "=", id).executeTakeFirst();

export const robotsOfKind = (db: Db, kind: string) =>
  db.selectFrom("robots").selectAll().where("kind", "=", kind).orderBy("id").execute();

export const robotsOfProcess = (db: Db, processId: string) =>
  db
    .selectFrom("robots")
    .selectAll()
    .where("processId", "=", processId)
    .orderBy("stageCode")
    .orderBy("position")
    .execute();

export const robotsOfStage = (db: Db, processId: string, stageCode: string) =>
  db
    .selectFrom("robots")
    .selectAll()
    .where("processId", "=", processId)
    .where("stageCode", "=", stageCode)
    .orderBy("position")
    .orderBy("id")
    .execute();

export async function nextPosition(db: Db, processId: string, stageCode: string): Promise<number> {
  const row = await db
    .selectFrom("robots")
    .select((eb) => eb.fn.max("position").as("top"))
    .where("processId", "=", processId)
    .where("stageCode", "=", stageCode)
    .executeTakeFirst();
  return Number(row?.top ?? 0) + 1;
}

export const insertRobot = (db: Db, row: RobotRow) => db.insertInto("robots").values(row).execute();
export const updateRobotRow = (db: Db, id: string, patch: Updateable<RobotsTable>) =>
  db.updateTable("robots").set(patch).where("id", "=", id).execute();
export const deleteRobotRow = (db: Db, id: string) => db.deleteFrom("robots").where("id", "=", id).execute();

export const deleteRobotsOfStages = (db: Db, processId: string, stageCodes: string[]) =>
  stageCodes.length === 0
    ? Promise.resolve()
    : db.deleteFrom("robots").where("processId", "=", processId).where("stageCode", "in", stageCodes).execute();

export interface LockedForRun {
  item: ItemRow;
  /** Whether this call claimed the run; false when the robot has already run for the entry. */
  claimed: boolean;
}

/**
 * Locks the item (until the transaction ends) if it is still in the run's stage entry, then claims the robot's one
 * run for that entry; undefined, and nothing claimed, when the item has moved on. The unique (robot_id,
 * stage_entry_id) index decides the claim: a second claimant gets none (on PostgreSQL it first waits for the first
 * claimant's transaction to end). On PostgreSQL both are one statement, as every robot starts with them.
 */
export async function lockItemAndClaimRun(
  trx: Trx,
  dialect: Dialect,
  run: RobotRunRow,
): Promise<LockedForRun | undefined> {
  if (dialect.writesInWith) {
    const [row] = await lockAndClaimQuery(trx, run);
    if (!row) return undefined;
    const { claimedRunId, ...item } = row;
    return { item, claimed: claimedRunId !== null };
  }
  const item = await lockItemInEntry(trx, dialect, run.itemId, run.stageEntryId);
  return item ? { item, claimed: (await claimRunQuery(trx, run)).length === 1 } : undefined;
}

// Once per robot run: compiled once, the values swapped in.
const claimRunQuery = compiledQuery((db, row: RobotRunRow) =>
  db
    .insertInto("robotRuns")
    .values(row)
    .onConflict((oc) => oc.columns(["robotId", "stageEntryId"]).doNothing())
    .returning("id"),
);

// PostgreSQL: the run row is inserted only from the locked item's row, so nothing is claimed for an item that has
// moved on.
const lockAndClaimQuery = compiledQuery((db, run: RobotRunRow) =>
  db
    .with("item", (qc) => lockItemInEntryForUpdate(qc, run.itemId, run.stageEntryId))
    .with("run", (qc) =>
      qc
        .insertInto("robotRuns")
        .columns(["id", "robotId", "itemId", "stageEntryId", "at", "outcome", "error"])
        .expression((eb) =>
          eb
            .selectFrom("item")
            .select([
              eb.val(run.id).as("id"),
              eb.val(run.robotId).as("robotId"),
              "item.id as itemId",
              "item.stageEntryId",
              eb.val(run.at).as("at"),
              eb.val(run.outcome).as("outcome"),
              eb.val(run.error).as("error"),
            ]),
        )
        .onConflict((oc) => oc.columns(["robotId", "stageEntryId"]).doNothing())
        .returning("id"),
    )
    .selectFrom("item")
    .select(ITEM_COLUMNS)
    .select((eb) => eb.selectFrom("run").select("id").as("claimedRunId")),
);

/** Gives back a run claimed in this transaction (its robot turned out not to be the item's to run). */
export const releaseRun = (trx: Trx, id: string) => trx.deleteFrom("robotRuns").where("id", "=", id).execute();

export const settleRun = (db: Db, id: string, patch: { outcome: RobotRunRow["outcome"]; error: string | null }) =>
  db.updateTable("robotRuns").set(patch).where("id", "=", id).execute();

export const runsOfItem = (db: Db, itemId: string) =>
  db.selectFrom("robotRuns").selectAll().where("itemId", "=", itemId).orderBy("id").execute();

/** Which of `robotIds` have already run for the stage entry (a cheap look before any transaction). */
export async function robotsRunInEntry(db: Db, stageEntryId: string, robotIds: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom("robotRuns")
    .select("robotId")
    .where("stageEntryId", "=", stageEntryId)
    .where("robotId", "in", robotIds)
    .execute();
  return new Set(rows.map((r) => r.robotId));
}
