import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "../src/backup/backup.js";
import { RestoreError, restoreBackup } from "../src/backup/restore.js";
import { enqueueJob } from "../src/jobs/queue.js";
import { ADMIN, createTestApp, type TestApp } from "./harness.js";

let source: TestApp;
let archive: string;
beforeAll(async () => {
  source = await createTestApp();
  archive = path.join(source.dataDir, "backup.tar.gz");
});
afterAll(async () => source.close());

describe("backup and restore", () => {
  it("restores users, companies, pending jobs and files into an empty installation", async () => {
    const company = (await source.admin.post("/api/companies", { name: "ООО Резерв", inn: "7707083893" })).body;
    await source.admin.post("/api/users", {
      email: "kept@example.com",
      name: "Сохранённый",
      password: "kept-password",
    });
    await enqueueJob(source.ctx.db, { kind: "test.pending", payload: { x: 1 }, key: "pending-reminder" });
    const blob = Buffer.from("содержимое договора");
    const realSha = createHash("sha256").update(blob).digest("hex");
    const blobPath = path.join(source.config.blobDir, realSha.slice(0, 2), realSha.slice(2, 4), realSha);
    fs.mkdirSync(path.dirname(blobPath), { recursive: true });
    fs.writeFileSync(blobPath, blob);

    const manifest = await createBackup(source.runtime.handle, source.config.blobDir, archive);
    expect(manifest.blobs).toBe(1);
    expect(manifest.tables.find((t) => t.name === "companies")?.rows).toBe(1);

    const target = await createTestApp({}, { empty: true });
    try {
      await restoreBackup(target.runtime.handle, target.config.blobDir, archive);
      const admin = await target.anonymous().login(ADMIN.email, ADMIN.password);
      expect((await admin.get(`/api/companies/${company.id}`)).body).toMatchObject({
        name: "ООО Резерв",
        inn: "7707083893",
      });
      expect((await admin.get("/api/users?q=kept")).body.items[0].name).toBe("Сохранённый");
      const job = await target.ctx.db
        .selectFrom("jobs")
        .selectAll()
        .where("key", "=", "pending-reminder")
        .executeTakeFirst();
      expect(job?.doneAt).toBeNull();
      const restoredBlob = path.join(target.config.blobDir, path.relative(source.config.blobDir, blobPath));
      expect(fs.readFileSync(restoredBlob)).toEqual(blob);
      // A second restore over data is refused and changes nothing.
      await expect(restoreBackup(target.runtime.handle, target.config.blobDir, archive)).rejects.toBeInstanceOf(
        RestoreError,
      );
    } finally {
      await target.close();
    }
  });

  it("refuses a file that is not a backup", async () => {
    const target = await createTestApp({}, { empty: true });
    try {
      const bogus = path.join(target.dataDir, "bogus.tar.gz");
      fs.writeFileSync(bogus, "not a tar");
      await expect(restoreBackup(target.runtime.handle, target.config.blobDir, bogus)).rejects.toThrow();
      await expect(restoreBackup(target.runtime.handle, target.config.blobDir, "/nonexistent.tar.gz")).rejects.toThrow(
        /No such/,
      );
    } finally {
      await target.close();
    }
  });
});
