// Decides whether the compiled build (server/dist, web/dist) is older than the sources. A fingerprint of every input
// file's path, size and modification time is stored beside the build: `git pull`, an edit or a `touch` changes it, a
// deleted or added file too, so `npm start` rebuilds whenever the sources moved on — an old UI is never served.
// (Stat only, no reading: the check costs a few milliseconds on every start.)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** What goes into the build, relative to the repository root: folders are walked, files read as they are. */
export const BUILD_INPUTS = [
  "common/src",
  "server/src",
  "web/src",
  "web/public",
  "web/index.html",
  "web/vite.config.ts",
  "package.json",
  "package-lock.json",
  "common/package.json",
  "server/package.json",
  "web/package.json",
  "tsconfig.base.json",
  "scripts/build.mjs",
];
/** Outputs that must exist for a build to count. */
export const BUILD_OUTPUTS = ["server/dist/main.js", "web/dist/index.html"];
export const STAMP_FILE = "server/dist/.build-stamp";

const isTest = (name) => /\.test\.[cm]?[jt]sx?$/.test(name);

function listFiles(root, relative, into) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return; // an optional input (web/public) that does not exist
  }
  if (stat.isFile()) {
    into.push(relative);
    return;
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || isTest(entry.name)) continue;
    listFiles(root, path.join(relative, entry.name), into);
  }
}

/** sha256 over every input file's path, size and mtime, in a stable order. */
export function sourceFingerprint(root) {
  const files = [];
  for (const input of BUILD_INPUTS) listFiles(root, input, files);
  files.sort();
  const hash = crypto.createHash("sha256");
  for (const file of files) {
    const stat = fs.statSync(path.join(root, file));
    hash.update(`${file.split(path.sep).join("/")}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** Why a build is needed, or null when the build on disk was made from exactly these sources. */
export function buildReason(root) {
  for (const output of BUILD_OUTPUTS) {
    if (!fs.existsSync(path.join(root, output))) return `${output} is missing`;
  }
  let stamp;
  try {
    stamp = fs.readFileSync(path.join(root, STAMP_FILE), "utf8").trim();
  } catch {
    return "no build stamp";
  }
  return stamp === sourceFingerprint(root) ? null : "sources changed since the last build";
}

export function writeStamp(root, fingerprint = sourceFingerprint(root)) {
  fs.mkdirSync(path.dirname(path.join(root, STAMP_FILE)), { recursive: true });
  fs.writeFileSync(path.join(root, STAMP_FILE), fingerprint + "\n");
}
