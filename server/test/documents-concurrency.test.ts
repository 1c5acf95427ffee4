import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, openSecondAppOnPostgres, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
// On PostgreSQL some callers go through a second app process on the same database, as when scaled out.
const second = await openSecondAppOnPostgres(t);
afterAll(async () => second?.close());

describe("numbering under concurrency", () => {
  it("300 documents through 30 concurrent uploaders get exactly 1..300", async () => {
    const type = await createDocumentType(t.admin, {
      numbering: { template: "N-{n}", reset: "never" },
      folder: "Нагрузка",
    });
    const uploaders = Array.from({ length: 30 }, async (_, u) => {
      const client = second && u % 2 === 1 ? second.client : t.admin;
      const numbers: string[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await uploadDocument(client, {
          typeId: type.id,
          file: `документ ${u}-${i}`,
          name: `d${u}-${i}.txt`,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        numbers.push(res.body.number);
      }
      return numbers;
    });
    const numbers = (await Promise.all(uploaders)).flat();
    const seqs = numbers.map((n) => Number(n.slice(2))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));

    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.admin.get(
        `/api/documents?typeId=${type.id}&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
      );
      listed.push(...page.body.items.map((d: any) => d.number));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(listed).size).toBe(300);
    const drive = await t.admin.get(`/api/drive?path=${encodeURIComponent("/Нагрузка")}`);
    expect(drive.body.files).toHaveLength(300);
  });
});
