import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectGarbage } from "../src/blobs/gc.js";
import { createDatabase, type DatabaseHandle } from "../src/db/database.js";
import { freshDatabaseUrl } from "./harness.js";
import { CONTRACT_STAGES } from "./process-helpers.js";
import { multipart, oneStatusType } from "./documents-helpers.js";
import { freePort, SignedInClient, SourceServer, testServerEnv } from "./server-process.js";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

let server: SourceServer;
let client: SignedInClient;
let dataDir: string;
let db: DatabaseHandle;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-crash-"));
  const databaseUrl = await freshDatabaseUrl(dataDir);
  server = new SourceServer(await freePort(), testServerEnv(dataDir, databaseUrl));
  await server.start();
  client = await new SignedInClient(`http://127.0.0.1:${server.port}`).login();
  db = await createDatabase(databaseUrl);
}, 150_000);

afterAll(async () => {
  await server?.kill();
  await db?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function restart(): Promise<void> {
  await server.kill();
  await server.start();
  client = await client.login();
}

describe("crash safety (SIGKILL of the real server)", () => {
  it(
    "keeps every registered document whole and numbered without gaps when killed mid-upload",
    { timeout: 180_000 },
    async () => {
      const type = (await client.send("POST", "/api/document-types", oneStatusType("crash", "Договор", "К-{n}"))).body;
      const uploads = Array.from({ length: 50 }, (_, i) => {
        const { payload, contentType } = multipart({
          typeId: type.id,
          title: `Договор ${i}`,
          file: { filename: `договор-${i}.bin`, content: Buffer.alloc(300_000 + i, i) },
        });
        return client.send("POST", "/api/documents", payload, contentType).then(
          (r) => r.status,
          () => "killed",
        );
      });
      // Kill once some uploads are through and others are still streaming or committing.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const row = await db.db
          .selectFrom("documents")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst();
        if (Number(row?.n ?? 0) >= 5) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await server.kill();
      const outcomes = await Promise.all(uploads);
      expect(outcomes.filter((o) => o === 201).length).toBeLessThan(50); // the kill really interrupted work
      await restart();

      const docs = (await client.send("GET", `/api/documents?typeId=${type.id}&limit=200`)).body.items;
      expect(docs.length).toBeGreaterThanOrEqual(5);
      const numbers = docs.map((d: any) => Number(d.number.slice(2))).sort((a: number, b: number) => a - b);
      expect(numbers).toEqual(Array.from({ length: docs.length }, (_, i) => i + 1));
      for (const doc of docs) {
        const file = await client.send("GET", `/api/documents/${doc.id}/file`);
        expect(file.status).toBe(200);
        expect(sha256(file.raw)).toBe(doc.file.sha256);
      }
      // No partial blob is visible: every stored file's content matches its name.
      const blobDir = path.join(dataDir, "blobs");
      for (const entry of fs.readdirSync(blobDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || path.relative(blobDir, entry.parentPath).startsWith("tmp")) continue;
        expect(sha256(fs.readFileSync(path.join(entry.parentPath, entry.name)))).toBe(entry.name);
      }
      // The counter continues where the committed documents end.
      const { payload, contentType } = multipart({
        typeId: type.id,
        file: { filename: "после.txt", content: "после сбоя" },
      });
      const next = await client.send("POST", "/api/documents", payload, contentType);
      expect(next.body.number).toBe(`К-${docs.length + 1}`);
      // gc removes what the crash left (temp files, blobs no document names) and nothing a document needs.
      await collectGarbage(db.db, blobDir, { graceMs: 0 });
      expect(fs.readdirSync(path.join(blobDir, "tmp")).length).toBe(0);
      for (const doc of [...docs, next.body]) {
        expect((await client.send("GET", `/api/documents/${doc.id}/file`)).status).toBe(200);
      }
    },
  );

  it(
    "keeps the file and the row of every upload answered 201 when killed right after the answers",
    {
      timeout: 180_000,
    },
    async () => {
      const type = (await client.send("POST", "/api/document-types", oneStatusType("crash201", "Акт", "А-{n}"))).body;
      const answered: { id: string; sha256: string; content: Buffer }[] = [];
      let killed: Promise<void> | undefined;
      const uploads = Array.from({ length: 24 }, async (_, i) => {
        const content = Buffer.alloc(200_000 + i, 100 + i);
        const { payload, contentType } = multipart({
          typeId: type.id,
          title: `Акт ${i}`,
          file: { filename: `акт-${i}.bin`, content },
        });
        const response = await client.send("POST", "/api/documents", payload, contentType).catch(() => undefined);
        if (response?.status !== 201 || killed) return;
        answered.push({ id: response.body.id, sha256: response.body.file.sha256, content });
        // kill -9 the moment the sixth answer arrives, while the other uploads are still in flight.
        if (answered.length === 6) killed = server.kill();
      });
      await Promise.all(uploads);
      await killed;
      expect(answered.length).toBeGreaterThanOrEqual(6);
      await restart();
      for (const doc of answered) {
        const row = await db.db.selectFrom("documents").select(["sha256"]).where("id", "=", doc.id).executeTakeFirst();
        expect(row?.sha256).toBe(doc.sha256);
        const file = await client.send("GET", `/api/documents/${doc.id}/file`);
        expect(file.status).toBe(200);
        expect(Buffer.compare(file.raw, doc.content)).toBe(0);
      }
    },
  );

  it("runs every due robot exactly once when killed during robot processing", { timeout: 180_000 }, async () => {
    const process = (
      await client.send("POST", "/api/processes", { code: "crashp", name: "Согласование", stages: CONTRACT_STAGES })
    ).body;
    for (const delay of [null, "PT1S"]) {
      const robot = await client.send("POST", `/api/processes/${process.id}/robots`, {
        stage: "review",
        kind: "notify",
        delay,
        params: { to: ["initiator"], message: `Робот ${delay ?? "сразу"}: {{item.title}}` },
      });
      expect(robot.status).toBe(201);
    }
    const items = [];
    for (let i = 0; i < 20; i++) {
      items.push((await client.send("POST", `/api/processes/${process.id}/items`, { title: `Заявка ${i}` })).body);
    }
    await Promise.all(items.map((item) => client.send("POST", `/api/items/${item.id}/stage`, { stage: "review" })));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await server.kill();
    await restart();

    const pending = async () =>
      Number(
        (
          await db.db
            .selectFrom("jobs")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("doneAt", "is", null)
            // The hourly housekeeping job waits for the next hour by design; it is not work the crash left.
            .where("kind", "!=", "housekeeping")
            .executeTakeFirst()
        )?.n ?? 0,
      );
    // Jobs the killed worker had claimed wait for their claim (60 s) to expire, then run.
    const deadline = Date.now() + 90_000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await pending()).toBe(0);

    const runs = await db.db.selectFrom("robotRuns").select(["robotId", "stageEntryId", "outcome"]).execute();
    expect(runs).toHaveLength(40);
    expect(new Set(runs.map((r) => `${r.robotId}:${r.stageEntryId}`)).size).toBe(40);
    const texts = (await client.send("GET", "/api/notifications?limit=200")).body.items.map((n: any) => n.text);
    for (const item of items) {
      expect(texts.filter((t: string) => t === `Робот сразу: ${item.title}`)).toHaveLength(1);
      expect(texts.filter((t: string) => t === `Робот PT1S: ${item.title}`)).toHaveLength(1);
    }
  });
});
