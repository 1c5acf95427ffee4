import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCorpus, type BadCase, type CorpusFixtures } from "./bad-input.corpus.js";
import { changedTables, snapshotDatabase, type DatabaseSnapshot } from "./db-snapshot.js";
import { createDocumentType, multipart, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestClient, type TestResponse } from "./harness.js";
import { addRobot, createItem, createProcess, moveItem } from "./process-helpers.js";

// Built at collection time so that every case of the corpus is a test of its own.
const t = await createTestApp();
afterAll(async () => t.close());
const member: TestClient = await t.userClient("Member");

async function fixtures(): Promise<CorpusFixtures> {
  const type = await createDocumentType(t.admin, {
    fields: [
      { key: "note", label: "Note", type: "text" },
      { key: "amount", label: "Amount", type: "money" },
      { key: "kind", label: "Kind", type: "select", options: ["a", "b"] },
      { key: "signed", label: "Signed", type: "date" },
    ],
  });
  const process = await createProcess(t.admin);
  await addRobot(t.admin, process.id, {
    stage: "review",
    kind: "requestApproval",
    params: { approvers: [t.admin.user.id], mode: "any", onApprove: "signing", onReject: "rejected" },
  });
  const robot = await addRobot(t.admin, process.id, {
    stage: "signing",
    kind: "notify",
    params: { to: ["initiator"], message: "Подпишите" },
  });
  const item = await createItem(t.admin, process.id, { title: "Сделка" });
  const approvalItem = await createItem(t.admin, process.id, { title: "На согласовании" });
  await moveItem(t.admin, approvalItem.id, "review");
  await t.runJobs();
  const tasks = (await t.admin.get("/api/approvals?state=pending")).body.items;
  const company = (await t.admin.post("/api/companies", { name: "ООО Вход" })).body;
  const document = (await uploadDocument(t.admin, { typeId: type.id, title: "Договор", companyId: company.id })).body;
  await t.runJobs();
  return {
    adminId: t.admin.user.id,
    memberId: member.user.id,
    type,
    process,
    robot,
    item,
    document,
    company,
    contact: (await t.admin.post("/api/contacts", { name: "Пётр", companyId: company.id })).body,
    approvalTaskId: tasks.find((task: any) => task.itemId === approvalItem.id).id,
  };
}

const fx = await fixtures();
const corpus = buildCorpus(fx);

/** Every file in the data folder outside the blob store: an upload must never write anywhere else. */
function filesOutsideBlobs(): string[] {
  return fs
    .readdirSync(t.dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(t.config.blobDir + path.sep) && !/docket\.db(-wal|-shm|-journal)?$/.test(file))
    .sort();
}

let baseUrl: string | undefined;
/** Over a real socket: the body is written as given, then the client waits for the answer. */
async function sendOverSocket(client: TestClient, c: BadCase): Promise<TestResponse> {
  if (!baseUrl) {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  }
  const body = Buffer.from(c.raw ?? "");
  return new Promise((resolve, reject) => {
    const request = http.request(`${baseUrl}${c.url}`, {
      method: c.method,
      headers: {
        cookie: client.cookie!,
        "x-csrf-token": client.csrfToken!,
        "content-type": c.contentType ?? "application/json",
        "content-length": body.length,
      },
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const raw = Buffer.concat(chunks);
        const json = String(response.headers["content-type"]).includes("json");
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: json ? JSON.parse(raw.toString()) : raw,
          raw,
        });
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}

async function send(c: BadCase): Promise<TestResponse> {
  const client = c.asMember ? member : t.admin;
  if (c.socket) return sendOverSocket(client, c);
  if (c.multipart) {
    const body = multipart(c.multipart);
    return client.request(c.method, c.url, body.payload, { headers: { "content-type": body.contentType } });
  }
  if (c.raw !== undefined)
    return client.request(c.method, c.url, c.raw, {
      headers: { "content-type": c.contentType ?? "application/json" },
    });
  if (c.json !== undefined)
    return client.request(c.method, c.url, JSON.stringify(c.json), {
      headers: { "content-type": "application/json" },
    });
  return client.request(c.method, c.url);
}

let snapshot: DatabaseSnapshot | undefined;
const outsideBefore = filesOutsideBlobs();

describe("bad input corpus", () => {
  it("has at least 200 cases with unique names", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  for (const c of corpus) {
    it(c.name, async () => {
      const before = snapshot ?? (await snapshotDatabase(t));
      snapshot = undefined; // taken afresh unless this case ends as expected
      const res = await send(c);
      const summary = `${c.method} ${c.url.slice(0, 120)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}`;
      expect(res.status, summary).toBeLessThan(500);
      if (c.accept) {
        expect(res.status, summary).toBeGreaterThanOrEqual(200);
        expect(res.status, summary).toBeLessThan(300);
        await c.accept(res, { get: (url) => t.admin.get(url) });
      } else {
        expect(res.status, summary).toBeGreaterThanOrEqual(400);
        if (c.status) expect(res.status, summary).toBe(c.status);
        expect(String(res.headers["content-type"]), summary).toMatch(/^application\/problem\+json/);
        expect(res.body, summary).toMatchObject({ status: res.status, code: expect.any(String) });
      }
      if (!c.accept || c.method === "GET") {
        const after = await snapshotDatabase(t);
        expect(changedTables(before, after), `${summary}: the database changed`).toEqual([]);
        snapshot = after;
      }
      expect((await t.anonymous().get("/api/health")).status).toBe(200);
    });
  }

  it("left no file outside the blob store and no temporary upload behind", () => {
    expect(filesOutsideBlobs()).toEqual(outsideBefore);
    const tmp = path.join(t.config.blobDir, "tmp");
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
  });
});
