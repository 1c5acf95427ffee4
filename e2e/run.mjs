#!/usr/bin/env node
// Browser suite: starts the real server (built web UI, fresh temp data dir, free port), runs e2e/*.spec.ts in
// headless Debian Chromium through playwright-core, prints "N passed, N failed". Builds nothing: run `npm run build` first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
if (!chromium) {
  console.error("Chromium is missing (apt-get install -y chromium); the browser suite cannot run.");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
if (!fs.existsSync(path.join(root, "web", "dist", "index.html"))) {
  console.error("web/dist is missing: run `npm run build` before the browser suite.");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-e2e-"));
const baseUrl = `http://127.0.0.1:${port}`;
const admin = { email: "admin@example.com", password: "admin-password-1" };
const serverLog = path.join(dataDir, "server.log");
const logStream = fs.openSync(serverLog, "a");

const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/src/main.ts"), "serve"], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DOCKET_DATA_DIR: dataDir,
    DOCKET_ADMIN_EMAIL: admin.email,
    DOCKET_ADMIN_PASSWORD: admin.password,
    DATABASE_URL: "",
  },
  stdio: ["ignore", logStream, logStream],
});
let serverExited = false;
server.on("exit", () => (serverExited = true));

const stopServer = async () => {
  if (serverExited) return;
  server.kill("SIGTERM");
  for (let i = 0; i < 50 && !serverExited; i++) await new Promise((r) => setTimeout(r, 100));
  if (!serverExited) server.kill("SIGKILL");
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => void stopServer().then(() => process.exit(130)));
}

let healthy = false;
for (let i = 0; i < 120 && !serverExited; i++) {
  try {
    const response = await fetch(`${baseUrl}/api/health`);
    if (response.ok) {
      healthy = true;
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
if (!healthy) {
  console.error(`The server did not become healthy. Its log (${serverLog}):`);
  console.error(fs.readFileSync(serverLog, "utf8").split("\n").slice(-40).join("\n"));
  await stopServer();
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const only = process.argv.slice(2);
const specs = fs
  .readdirSync(path.join(root, "e2e"))
  .filter((f) => f.endsWith(".spec.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => path.join(root, "e2e", f));

const runner = spawn(process.execPath, ["--import", "tsx", path.join(root, "e2e/lib/runner.ts"), ...specs], {
  cwd: root,
  env: {
    ...process.env,
    E2E_BASE_URL: baseUrl,
    E2E_CHROMIUM: chromium,
    E2E_ADMIN_EMAIL: admin.email,
    E2E_ADMIN_PASSWORD: admin.password,
    E2E_SCREENSHOTS: path.join(root, "e2e", "screenshots"),
  },
  stdio: "inherit",
});
const code = await new Promise((resolve) => runner.on("exit", (c) => resolve(c ?? 1)));
await stopServer();
if (code !== 0) console.error(`Server log kept at ${serverLog}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(code);
