/**
 * Starts one real server for the whole browser suite (built web UI, fresh temp data dir, free port) and hands its
 * address to the workers through the environment. Returns the teardown that stops it. The server is the compiled
 * build, run as `npm start` runs it; like `npm start`, this builds first when the sources changed since the last build.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { buildReason } from "../../scripts/build-stamp.mjs";
import { serverNodeFlags } from "../../scripts/node-flags.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const admin = { email: "admin@example.com", password: "admin-password-1" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!["/usr/bin/chromium", "/usr/bin/chromium-browser"].some((p) => fs.existsSync(p))) {
    throw new Error("Chromium is missing (apt-get install -y chromium); the browser suite cannot run.");
  }
  const reason = buildReason(root);
  if (reason) {
    console.log(`building (${reason})`);
    if (spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" }).status !== 0) {
      throw new Error("The build failed; the browser suite cannot run.");
    }
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-e2e-"));
  const serverLog = path.join(dataDir, "server.log");
  const log = fs.openSync(serverLog, "a");
  const server = spawn(process.execPath, [...serverNodeFlags, path.join(root, "server/dist/main.js"), "serve"], {
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
    stdio: ["ignore", log, log],
  });
  let exited = false;
  server.on("exit", () => (exited = true));
  const stop = async () => {
    if (exited) return;
    server.kill("SIGTERM");
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) server.kill("SIGKILL");
  };

  let healthy = false;
  for (let i = 0; i < 120 && !exited && !healthy; i++) {
    healthy = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
    if (!healthy) await new Promise((r) => setTimeout(r, 500));
  }
  if (!healthy) {
    await stop();
    const tail = fs.readFileSync(serverLog, "utf8").split("\n").slice(-40).join("\n");
    throw new Error(`The server did not become healthy. Its log (${serverLog}):\n${tail}`);
  }

  // Workers are started after global setup and inherit this environment.
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_ADMIN_EMAIL = admin.email;
  process.env.E2E_ADMIN_PASSWORD = admin.password;
  process.env.E2E_SCREENSHOTS ??= path.join(root, "e2e", "screenshots");

  return async () => {
    await stop();
    // The server's log outlives its data dir, to read after a failed run.
    const kept = path.join(root, ".tmp", "e2e-server.log");
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    fs.copyFileSync(serverLog, kept);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
