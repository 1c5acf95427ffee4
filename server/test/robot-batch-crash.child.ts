// Started by robots-exactly-once.test.ts: a worker killed with SIGKILL in the middle of its batch of robots, as its
// CRASH_AT_RUN-th robot writes its run row (the robots before it have done their work; nothing is committed yet).
import type { KyselyPlugin } from "kysely";
import pino from "pino";
import { openRuntime } from "../src/bootstrap.js";
import { jobDefinitions } from "../src/composition/root.js";
import { loadConfig } from "../src/config.js";
import { JobWorker } from "../src/jobs/worker.js";
import { ManualClock } from "../src/lib/clock.js";

const crashAt = Number(process.env.CRASH_AT_RUN);
let runRows = 0;
const killMidBatch: KyselyPlugin = {
  transformQuery({ node }) {
    if (node.kind === "InsertQueryNode" && node.into?.table.identifier.name === "robot_runs" && ++runRows === crashAt)
      process.kill(process.pid, "SIGKILL");
    return node;
  },
  transformResult: ({ result }) => Promise.resolve(result),
};

const runtime = await openRuntime(
  loadConfig(process.env),
  pino({ level: "silent" }),
  new ManualClock(process.env.CRASH_CLOCK),
);
await new JobWorker({ ...runtime.ctx, db: runtime.ctx.db.withPlugin(killMidBatch) }, jobDefinitions).runDue();
process.exit(3); // not reached when the batch had CRASH_AT_RUN robots
