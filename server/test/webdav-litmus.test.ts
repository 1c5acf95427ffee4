import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REAL_ADMIN, startRealServer, toolAvailable, type RealServer } from "./real-server.js";

const hasLitmus = toolAvailable("litmus");
let server: RealServer;
let token: string;

beforeAll(async () => {
  if (!hasLitmus) return;
  server = await startRealServer();
  token = await server.appPassword(REAL_ADMIN.email, REAL_ADMIN.password);
  const auth = `Basic ${Buffer.from(`${REAL_ADMIN.email}:${token}`).toString("base64")}`;
  // Litmus needs a writable collection of its own.
  for (const folder of ["/dav/Черновики/", "/dav/Черновики/litmus/"]) {
    const created = await fetch(`${server.url}${encodeURI(folder)}`, {
      method: "MKCOL",
      headers: { authorization: auth },
    });
    expect(created.status).toBe(201);
  }
}, 180_000);
afterAll(async () => server?.stop());

describe.skipIf(!hasLitmus)("litmus, the WebDAV conformance suite, against a real server process", () => {
  it("passes basic, copymove, props, locks and http with 0 failures and 0 warnings", () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "litmus-"));
    const run = spawnSync("litmus", [`${server.url}${encodeURI("/dav/Черновики/litmus/")}`, REAL_ADMIN.email, token], {
      cwd: workDir,
      env: { ...process.env, TESTS: "basic copymove props locks http" },
      encoding: "utf8",
      timeout: 240_000,
    });
    fs.rmSync(workDir, { recursive: true, force: true });
    const summaries = run.stdout.split("\n").filter((line) => line.startsWith("<- summary"));
    expect(
      summaries.map((s) => s.replace(/^<- summary for `(\w+)'.*$/, "$1")),
      run.stdout,
    ).toEqual(["basic", "copymove", "props", "locks", "http"]);
    for (const summary of summaries) expect(summary, run.stdout).toMatch(/ 0 failed\. 100\.0%$/);
    expect(run.stdout).not.toMatch(/WARNING/);
    expect(run.status).toBe(0);
  }, 300_000);
});
