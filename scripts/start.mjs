#!/usr/bin/env node
// `npm start`: installs dependencies and builds the web UI when missing, then serves Docket.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!fs.existsSync(path.join(root, "node_modules", "fastify"))) run("npm", ["ci"]);
if (!fs.existsSync(path.join(root, "web", "dist", "index.html"))) run("npm", ["run", "build"]);

const args = process.argv.slice(2);
const server = spawn(
  process.execPath,
  ["--import", "tsx", path.join(root, "server", "src", "main.ts"), ...(args.length ? args : ["serve"])],
  { cwd: root, stdio: "inherit" },
);
// Forward stop signals so the server shuts down gracefully (finishes requests, releases job claims).
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
