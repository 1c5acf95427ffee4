#!/usr/bin/env node
// `npm start`: installs dependencies when missing, builds when the sources changed since the last build, then runs the
// compiled server (`node server/dist/main.js`) — no TypeScript loader at run time.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildReason } from "./build-stamp.mjs";
import { serverNodeFlags } from "./node-flags.mjs";

const root = path.resolve(import.meta.dirname, "..");
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!fs.existsSync(path.join(root, "node_modules", "fastify"))) run("npm", ["ci", "--no-audit", "--no-fund"]);
const reason = buildReason(root);
if (reason) {
  console.log(`building (${reason})`);
  run("npm", ["run", "build"]);
}

const args = process.argv.slice(2);
const server = spawn(
  process.execPath,
  [...serverNodeFlags, path.join(root, "server", "dist", "main.js"), ...(args.length ? args : ["serve"])],
  { cwd: root, stdio: "inherit" },
);
// Forward stop signals so the server shuts down gracefully (finishes requests, releases job claims).
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
