// `npm run bench [-- --quick] [-- only=http,registration]`: every benchmark, each printing a markdown table.
import fs from "node:fs";
import path from "node:path";
import { benchAutomation } from "./automation.js";
import { benchExport } from "./export.js";
import { benchHttp } from "./http.js";
import { machineLine, quick } from "./lib.js";
import { benchMemory } from "./memory.js";
import { benchRegistration } from "./registration.js";
import { benchRegistry } from "./registry.js";
import { benchRenditions } from "./renditions.js";
import { benchScaleOut } from "./scale-out.js";

const benches: Record<string, () => Promise<void>> = {
  http: benchHttp,
  registration: benchRegistration,
  registry: benchRegistry,
  automation: benchAutomation,
  memory: benchMemory,
  "scale-out": benchScaleOut,
  renditions: benchRenditions,
  export: benchExport,
};

const only = process.argv
  .find((a) => a.startsWith("only="))
  ?.slice(5)
  .split(",");
const results = path.join(import.meta.dirname, "results.md");
fs.writeFileSync(
  results,
  `## Benchmarks${quick ? " (quick)" : ""}\n\nMachine: ${machineLine()}; ${new Date().toISOString().slice(0, 10)}\n\n`,
);
const started = performance.now();
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
for (const [name, bench] of Object.entries(benches)) {
  if (only && !only.includes(name)) continue;
  console.log(`\n--- ${name}`);
  const benchStarted = performance.now();
  await bench();
  // Printed so a benchmark that grows slow shows in the CI log (.ci/run runs the quick variant; budget 3 min).
  console.log(`--- ${name} took ${seconds(benchStarted)} s`);
}
console.log(`\nWritten to ${path.relative(process.cwd(), results)} (all benchmarks took ${seconds(started)} s)`);
