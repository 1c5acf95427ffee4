import { describe, expect, it } from "vitest";
import { createDocumentType, createScaledTestApp, listAllDocuments, uploadConcurrently } from "./documents-helpers.js";

const { t, second } = await createScaledTestApp();

describe("numbering under concurrency", () => {
  it("300 documents through 30 concurrent uploaders get exactly 1..300", async () => {
    const type = await createDocumentType(t.admin, {
      numbering: { template: "N-{n}", reset: "never" },
      folder: "Нагрузка",
    });
    const numbers = await uploadConcurrently(t.admin, second, type.id, { uploaders: 30, each: 10, label: "документ" });
    const seqs = numbers.map((n) => Number(n.slice(2))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));

    const listed = await listAllDocuments(t.admin, type.id);
    expect(new Set(listed.map((d) => d.number)).size).toBe(300);
    const drive = await t.admin.get(`/api/drive?path=${encodeURIComponent("/Нагрузка")}`);
    expect(drive.body.files).toHaveLength(300);
  });
});
