// `npm run demo`: a separate installation in ./data-demo with users, companies, contracts and items in every stage.
import path from "node:path";
import pino from "pino";
import { buildApp } from "../app.js";
import { attachWorker, openRuntime } from "../bootstrap.js";
import { loadConfig } from "../config.js";
import { renderJob } from "../modules/documents/index.js";
import { countUsers } from "../modules/users/index.js";
import { makeDocx, makePdf } from "./sample-files.js";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "./seed.js";

const dataDir = path.resolve(process.env.DOCKET_DEMO_DIR ?? "data-demo");
const config = {
  ...loadConfig({ ...process.env, DOCKET_DATA_DIR: dataDir, DATABASE_URL: "" }),
  adminEmail: DEMO_USERS[0]!.email,
  adminPassword: DEMO_PASSWORD,
  provision: true,
};
const log = pino({ level: process.env.DOCKET_LOG_LEVEL ?? "warn" });
const runtime = await openRuntime(config, log);
const app = await buildApp(runtime.ctx, { logger: log });
const worker = attachWorker(runtime.ctx);
if ((await countUsers(runtime.ctx)) === 1) {
  console.log(`Creating demo data in ${dataDir} …`);
  // Previews are made by the worker once the server listens: the demo opens in seconds, not after LibreOffice.
  await seedDemo(app, { docx: makeDocx, pdf: makePdf }, () => worker.runDue({ except: [renderJob.kind] }));
}
await app.listen({ port: config.port, host: config.host });
worker.start();

const url = `http://localhost:${config.port}`;
console.log(`\nDocket demo is running at ${url}\n\nSign in as (password "${DEMO_PASSWORD}" for everyone):`);
for (const user of DEMO_USERS)
  console.log(`  ${user.email.padEnd(24)} ${user.name}${user.role === "admin" ? " (admin)" : ""}`);
console.log(`\nData: ${dataDir} (delete it to start over). Stop with Ctrl+C.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void app
      .close()
      .then(() => worker.stop())
      .then(() => runtime.close())
      .then(() => process.exit(0));
  });
}
