import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePdf, oneStatusType } from "./documents-helpers.js";
import { REAL_ADMIN, startRealServer, toolAvailable, type RealServer } from "./real-server.js";

const hasRclone = toolAvailable("rclone");
let server: RealServer;
let adminToken: string;
let workDir: string;

beforeAll(async () => {
  if (!hasRclone) return;
  server = await startRealServer();
  adminToken = await server.appPassword(REAL_ADMIN.email, REAL_ADMIN.password);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "rclone-"));
}, 180_000);
afterAll(async () => {
  await server?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** rclone with a webdav remote named "docket" configured only through environment variables. */
function rclone(email: string, token: string, args: string[]) {
  const run = spawnSync(
    "rclone",
    ["--config", path.join(workDir, "none.conf"), "--low-level-retries", "1", "--retries", "1", ...args],
    {
      encoding: "utf8",
      timeout: 60_000,
      env: rcloneEnv(email, token),
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.skipIf(!hasRclone)("rclone, a real WebDAV client, against a real server process", () => {
  it("copying a PDF into /Договоры/<year>/ registers a numbered contract; a changed copy is version 2; rclone cat reads it; others see nothing", async () => {
    const year = String(new Date().getFullYear());
    const type = oneStatusType("contract", "Договор", "Д-{yyyy}-{n:4}", {
      folder: "Договоры/{yyyy}",
      access: "participants",
    });
    const created = await server.api(adminToken, "POST", "/api/document-types", type);
    expect(created.status).toBe(201);

    const first = path.join(workDir, "Договор поставки.pdf");
    fs.writeFileSync(first, makePdf(["Договор поставки", "Версия 1"]));
    const copy = rclone(REAL_ADMIN.email, adminToken, [
      "copyto",
      first,
      `docket:Договоры/${year}/Договор поставки.pdf`,
    ]);
    expect(copy.status, copy.stderr).toBe(0);

    const listed = await server.api(adminToken, "GET", `/api/documents?typeId=${created.body.id}`);
    expect(listed.body.items).toHaveLength(1);
    const contract = listed.body.items[0];
    expect(contract.number).toBe(`Д-${year}-0001`);
    expect(contract).toMatchObject({
      folder: { path: `/Договоры/${year}` },
      file: { name: "Договор поставки.pdf", version: 1 },
    });

    const changed = makePdf(["Договор поставки", "Версия 2, подписанная"]);
    fs.writeFileSync(first, changed);
    const again = rclone(REAL_ADMIN.email, adminToken, [
      "copyto",
      first,
      `docket:Договоры/${year}/Договор поставки.pdf`,
    ]);
    expect(again.status, again.stderr).toBe(0);
    const after = await server.api(adminToken, "GET", `/api/documents/${contract.id}`);
    expect(after.body).toMatchObject({ number: contract.number, file: { version: 2 } });
    expect((await server.api(adminToken, "GET", `/api/documents?typeId=${created.body.id}`)).body.items).toHaveLength(
      1,
    );

    const cat = spawnSync(
      "rclone",
      ["--config", path.join(workDir, "none.conf"), "cat", `docket:Договоры/${year}/Договор поставки.pdf`],
      {
        env: rcloneEnv(REAL_ADMIN.email, adminToken),
        timeout: 60_000,
      },
    );
    expect(cat.status, cat.stderr.toString()).toBe(0);
    expect(Buffer.compare(cat.stdout, changed)).toBe(0);

    const user = await server.api(adminToken, "POST", "/api/users", {
      email: "clerk@example.com",
      name: "Clerk",
      password: "clerk-password-1",
      role: "user",
    });
    expect(user.status).toBe(201);
    const clerkToken = await server.appPassword("clerk@example.com", "clerk-password-1");
    const clerkRoot = rclone("clerk@example.com", clerkToken, ["lsf", "docket:Договоры/"]);
    expect(clerkRoot.status, clerkRoot.stderr).toBe(0);
    expect(clerkRoot.stdout.trim()).toBe("");
    const clerkYear = rclone("clerk@example.com", clerkToken, ["lsf", `docket:Договоры/${year}/`]);
    expect(clerkYear.stdout).not.toContain("Договор поставки.pdf");
    const adminYear = rclone(REAL_ADMIN.email, adminToken, ["lsf", `docket:Договоры/${year}/`]);
    expect(adminYear.stdout.trim()).toBe("Договор поставки.pdf");
  }, 240_000);
});

function rcloneEnv(email: string, token: string) {
  const obscured = spawnSync("rclone", ["obscure", token], { encoding: "utf8" }).stdout.trim();
  return {
    ...process.env,
    RCLONE_CONFIG_DOCKET_TYPE: "webdav",
    RCLONE_CONFIG_DOCKET_URL: `${server.url}/dav/`,
    RCLONE_CONFIG_DOCKET_VENDOR: "other",
    RCLONE_CONFIG_DOCKET_USER: email,
    RCLONE_CONFIG_DOCKET_PASS: obscured,
  };
}
