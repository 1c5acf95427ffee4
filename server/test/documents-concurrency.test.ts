import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { buildApp } from "../src/app.js";
import { openRuntime, type Runtime } from "../src/bootstrap.js";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { ADMIN, createTestApp, testDatabase, TestClient, type TestApp } from "./harness.js";

let t: TestApp;
let second: { runtime: Runtime; client: TestClient; close(): Promise<void> } | null = null;

beforeAll(async () => {
  t = await createTestApp();
  // On PostgreSQL a second app process shares the database, as in a scaled installation. (Two SQLite writers in
  // one Node process would block each other's event loop, so that case is the single embedded process.)
  if (testDatabase === "postgres") {
    const runtime = await openRuntime(t.config, pino({ level: "silent" }), t.clock);
    const app = await buildApp(runtime.ctx, { serveWeb: false });
    await app.ready();
    const client = await new TestClient(app).login(ADMIN.email, ADMIN.password);
    second = {
      runtime,
      client,
      async close() {
        await app.close();
        await runtime.close();
      },
    };
  }
});
afterAll(async () => {
  await second?.close();
  await t.close();
});

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
