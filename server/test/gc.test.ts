import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectGarbage } from "../src/blobs/gc.js";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());

function strayBlob(content: string, ageMs: number): string {
  const sha = createHash("sha256").update(content).digest("hex");
  const file = path.join(t.config.blobDir, sha.slice(0, 2), sha.slice(2, 4), sha);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const then = new Date(Date.now() - ageMs);
  fs.utimesSync(file, then, then);
  return file;
}

describe("docket gc", () => {
  it("removes old files no document uses, keeps documents' files and fresh uploads", async () => {
    const type = await createDocumentType(t.admin);
    const doc = (await uploadDocument(t.admin, { typeId: type.id, file: "нужный файл" })).body;
    const old = strayBlob("осиротевший файл", 2 * 3_600_000);
    const fresh = strayBlob("файл загрузки в процессе", 0);

    const dry = await collectGarbage(t.ctx.db, t.config.blobDir, { dryRun: true });
    expect(dry.removed).toBe(1);
    expect(fs.existsSync(old)).toBe(true);

    const result = await collectGarbage(t.ctx.db, t.config.blobDir);
    expect(result.removed).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect((await t.admin.get(`/api/documents/${doc.id}/file`)).status).toBe(200);
  });
});
