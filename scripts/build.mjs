#!/usr/bin/env node
// `npm run build`: compiles the server (with common) into server/dist and the web UI into web/dist, then stamps the
// build with the sources' fingerprint (see build-stamp.mjs).
// The server is bundled with esbuild: one ESM file per entry (main.js and each *.worker.ts thread), @docket/common
// inlined, npm packages left as imports. Code splitting puts what the sources load with `await import()` (the big
// libraries used by a few requests: exceljs, docxtemplater, …) into chunks of its own, loaded on first use, so they
// do not take memory in every idle server. tsc would need .ts → .js rewriting and a compiled copy of common for Node to
// load it; a bundle needs neither, and builds in well under a second. Types are checked by `npm run typecheck`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import { sourceFingerprint, writeStamp } from "./build-stamp.mjs";

const root = path.resolve(import.meta.dirname, "..");
const serverSrc = path.join(root, "server", "src");
const serverDist = path.join(root, "server", "dist");

function workerEntries(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...workerEntries(full));
    else if (entry.name.endsWith(".worker.ts")) found.push(full);
  }
  return found;
}

/** npm packages stay imports resolved at run time; only the workspace's own packages are compiled in. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@docket/") || args.path.startsWith("node:") ? undefined : { external: true },
    );
  },
};

/** Returns esbuild's metafile (what each output imports, statically or with import()). */
export async function buildServer(outdir = serverDist) {
  // Every bundle sits directly in server/dist, the same depth as server/src, so paths computed from import.meta
  // (../../web/dist, ../../package.json) mean the same in both; lib/thread-entry.ts finds the worker bundles here.
  const entryPoints = [{ in: path.join(serverSrc, "main.ts"), out: "main" }];
  const names = new Set(["main"]);
  for (const file of workerEntries(serverSrc)) {
    const out = path.basename(file, ".ts");
    if (names.has(out)) throw new Error(`two worker entries are named ${out}.ts: names must be unique`);
    names.add(out);
    entryPoints.push({ in: file, out });
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  const { metafile } = await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    splitting: true,
    chunkNames: "[name]-[hash]",
    target: "node20",
    sourcemap: true,
    sourcesContent: false,
    plugins: [externalPackages],
    logLevel: "warning",
    metafile: true,
  });
  // Node treats .js as ESM only under a package.json with "type": "module".
  fs.writeFileSync(path.join(outdir, "package.json"), '{ "type": "module" }\n');
  return metafile;
}

function buildWeb() {
  const result = spawnSync("npm", ["run", "build", "-w", "web"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("web build failed");
}

if (process.argv[1] === import.meta.filename) {
  const started = Date.now();
  // Taken before building: a source edited during the build leaves the stamp stale, so the next start rebuilds.
  const fingerprint = sourceFingerprint(root);
  await buildServer();
  console.log(`server → server/dist (${Date.now() - started} ms)`);
  buildWeb();
  writeStamp(root, fingerprint);
  console.log(`build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
