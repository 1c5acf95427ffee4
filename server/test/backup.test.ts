import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "../src/backup/backup.js";
import { rebuildSearchIndex } from "../src/backup/reindex.js";
import { RestoreError, restoreBackup } from "../src/backup/restore.js";
import { webhookSecret } from "../src/modules/automation/webhook-secret.js";
import { createDocumentType, makeDocx, makePdf, uploadDocument, uploadVersion } from "./documents-helpers.js";
import { z } from "zod";
import { defineJob } from "../src/jobs/definition.js";
import { enqueueJob } from "../src/jobs/queue.js";
import { ADMIN, createTestApp, type TestApp } from "./harness.js";

// Never run here: a job still waiting when the backup is taken.
const pendingJob = defineJob({ kind: "test.pending", payload: z.object({ x: z.number() }), run: async () => {} });

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
    await enqueueJob(source.ctx.db, pendingJob, { x: 1 }, { key: "pending-reminder" });
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
      // Webhook receivers keep verifying: the restored installation signs with the backed-up key.
      expect(await webhookSecret(target.ctx)).toBe(await webhookSecret(source.ctx));
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

  it("gives the same documents, histories and file hashes, and search works again", async () => {
    const type = await createDocumentType(source.admin);
    const first = (
      await uploadDocument(source.admin, {
        typeId: type.id,
        title: "Договор аренды",
        file: makeDocx(["Арендатор обязуется платить"]),
        name: "аренда.docx",
      })
    ).body;
    await uploadVersion(source.admin, first.id, {
      name: "аренда-v2.docx",
      content: makeDocx(["Арендатор обязуется платить вовремя"]),
    });
    await source.admin.post(`/api/documents/${first.id}/status`, {
      status: "signed",
      comment: "Подписан обеими сторонами",
    });
    await uploadDocument(source.admin, {
      typeId: type.id,
      title: "Договор поставки",
      file: makePdf(["Поставщик поставляет товар"]),
      name: "поставка.pdf",
    });
    await source.runJobs(); // text extraction
    const file2 = path.join(source.dataDir, "with-documents.tar.gz");
    await createBackup(source.runtime.handle, source.config.blobDir, file2);

    const target = await createTestApp({}, { empty: true });
    try {
      await restoreBackup(target.runtime.handle, target.config.blobDir, file2);
      await rebuildSearchIndex(target.ctx);
      const admin = await target.anonymous().login(ADMIN.email, ADMIN.password);
      const docs = async (client: typeof admin) => (await client.get(`/api/documents?typeId=${type.id}`)).body.items;
      expect(await docs(admin)).toEqual(await docs(source.admin));
      const history = await admin.get(`/api/documents/${first.id}/history`);
      expect(history.body).toEqual((await source.admin.get(`/api/documents/${first.id}/history`)).body);
      for (const version of [1, 2]) {
        const original = await source.admin.get(`/api/documents/${first.id}/file?version=${version}`);
        const restored = await admin.get(`/api/documents/${first.id}/file?version=${version}`);
        expect(restored.status).toBe(200);
        expect(createHash("sha256").update(restored.raw).digest("hex")).toBe(
          createHash("sha256").update(original.raw).digest("hex"),
        );
      }
      const found = (await admin.get(`/api/documents?q=${encodeURIComponent("поставляет")}`)).body.items;
      expect(found.map((d: any) => d.title)).toEqual(["Договор поставки"]);
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
