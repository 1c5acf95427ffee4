// Started by robots-exactly-once.test.ts: a worker killed with SIGKILL in the middle of its batch of robots, as soon as
// its CRASH_AT_RUN-th robot has written its run row (the robots before it have done their work; nothing is committed
// yet). The statement that writes the run row (on PostgreSQL a WITH that also locks the item) is compiled once and run
// many times, so it is recognised by its query id at compile time and counted as each run returns.
import type { InsertQueryNode, KyselyPlugin, OperationNode, QueryId, SelectQueryNode } from "kysely";
import pino from "pino";
import { openRuntime } from "../src/bootstrap.js";
import { jobDefinitions } from "../src/composition/root.js";
import { loadConfig } from "../src/config.js";
import { JobWorker } from "../src/jobs/worker.js";
import { ManualClock } from "../src/lib/clock.js";

const crashAt = Number(process.env.CRASH_AT_RUN);
let runRows = 0;
const runRowInserts = new WeakSet<QueryId>();
const insertsRunRow = (node: OperationNode): boolean =>
  node.kind === "InsertQueryNode"
    ? (node as InsertQueryNode).into?.table.identifier.name === "robot_runs"
    : node.kind === "SelectQueryNode" &&
      ((node as SelectQueryNode).with?.expressions.some((cte) => insertsRunRow(cte.expression)) ?? false);
const killMidBatch: KyselyPlugin = {
  transformQuery({ node, queryId }) {
    if (insertsRunRow(node)) runRowInserts.add(queryId);
    return node;
  },
  transformResult({ result, queryId }) {
    if (runRowInserts.has(queryId) && ++runRows === crashAt) process.kill(process.pid, "SIGKILL");
    return Promise.resolve(result);
  },
};

const runtime = await openRuntime(
  loadConfig(process.env),
  pino({ level: "silent" }),
  new ManualClock(process.env.CRASH_CLOCK),
);
await new JobWorker({ ...runtime.ctx, db: runtime.ctx.db.withPlugin(killMidBatch) }, jobDefinitions).runDue();
process.exit(3); // not reached when the batch had CRASH_AT_RUN robots
