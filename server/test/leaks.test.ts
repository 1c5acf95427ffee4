import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestClient } from "./harness.js";
import { addRobot, createItem, createProcess, moveItem, notificationsOf } from "./process-helpers.js";

/**
 * Seeing an item (of a process open to all) does not mean seeing its documents (of a participants-only type): no
 * item, list, history or drive answer may name such a document (id, number, title), nor the company folder it is in.
 */
const COMPANY = "ООО Тайная Сделка";
const TITLE = "Секретное соглашение о бонусах";

const t = await createTestApp();
afterAll(async () => t.close());
const author = await t.userClient("Автор");
const outsider = await t.userClient("Посторонний");
const type = await createDocumentType(t.admin, {
  access: "participants",
  folder: "Секрет/{company}",
  statuses: [
    { code: "draft", name: "Черновик", color: "#868e96", initial: true },
    { code: "review", name: "На проверке", color: "#fab005" },
  ],
});
const process = await createProcess(t.admin, { access: "all" });
await addRobot(t.admin, process.id, { stage: "review", kind: "setDocumentStatus", params: { status: "review" } });
await addRobot(t.admin, process.id, {
  stage: "review",
  kind: "notify",
  params: { to: ["initiator"], message: "Документ {{document.number}} на проверке" },
});
const company = (await t.admin.post("/api/companies", { name: COMPANY })).body;
const item = await createItem(author, process.id, { title: "Открытая сделка", companyId: company.id });
const upload = await uploadDocument(author, {
  typeId: type.id,
  url: `/api/items/${item.id}/documents`,
  title: TITLE,
});
expect(upload.status).toBe(201);
const secret = upload.body;
await moveItem(author, item.id, "review");
await t.runJobs();
await t.runJobs();
// Someone made an empty folder by hand: it names nothing and stays visible.
expect((await author.post("/api/drive/folders", { path: "/Общая папка" })).status).toBe(201);

function expectNoMention(body: unknown, context: string): void {
  const text = JSON.stringify(body);
  for (const hidden of [secret.id, secret.number, TITLE])
    expect(text, `${context} names ${hidden}`).not.toContain(hidden);
}

describe("an item open to all, with a document only its participants may open", () => {
  it("the participants see the document on the item and in its history", async () => {
    const mine = (await author.get(`/api/items/${item.id}`)).body;
    expect(mine.documentIds).toEqual([secret.id]);
    expect(JSON.stringify((await author.get(`/api/items/${item.id}/history`)).body)).toContain(secret.number);
  });

  it("the outsider's item, lists and history name no hidden document", async () => {
    expect((await outsider.get(`/api/documents/${secret.id}`)).status).toBe(404);
    const seen = await outsider.get(`/api/items/${item.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.documentIds).toEqual([]);
    expectNoMention(seen.body, "item");
    expectNoMention((await outsider.get(`/api/items?processId=${item.processId}`)).body, "items list");
    expectNoMention((await outsider.get(`/api/processes/${item.processId}/items`)).body, "kanban");
    const history = await outsider.get(`/api/items/${item.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: any) => e.action)).toContain("item.document_added");
    expectNoMention(history.body, "history");
  });
});

describe("the drive", () => {
  it("hides a {company} folder holding only documents the caller may not open (404 by path)", async () => {
    const path = secret.folder.path as string;
    expect(path).toBe(`/Секрет/${COMPANY}`);
    const root = await outsider.get("/api/drive?path=%2F");
    expect(root.status).toBe(200);
    expect(root.body.folders.map((f: any) => f.name)).toContain("Общая папка");
    expect(root.body.folders.map((f: any) => f.name)).not.toContain("Секрет");
    for (const hidden of ["/Секрет", path])
      expect((await outsider.get(`/api/drive?path=${encodeURIComponent(hidden)}`)).status, hidden).toBe(404);
    for (const client of [author, t.admin]) {
      const own = await client.get(`/api/drive?path=${encodeURIComponent("/Секрет")}`);
      expect(own.body.folders.map((f: any) => f.name)).toEqual([COMPANY]);
      expect((await client.get(`/api/drive?path=${encodeURIComponent(path)}`)).body.files).toHaveLength(1);
    }
  });
});

describe("notifications", () => {
  it("a robot's message quotes to each recipient, and to a deputy's copy, only the documents they may open", async () => {
    const reader = await t.userClient("Читатель"); // named in the robot, no participant of the document
    const deputy = await t.userClient("Заместитель"); // stands in for the author, no participant either
    const day = t.clock.now().toISOString().slice(0, 10);
    const away = await author.post(`/api/users/${author.user.id}/absences`, {
      from: day,
      to: day,
      deputyId: deputy.user.id,
    });
    expect(away.status).toBe(201);
    const process = await createProcess(t.admin, { access: "all" });
    await addRobot(t.admin, process.id, {
      stage: "review",
      kind: "notify",
      params: {
        to: ["initiator", reader.user.id],
        message: "На проверке: {{document.number}} «{{document.title}}» — {{item.summary}}",
      },
    });
    const open = await createItem(author, process.id, { title: "Сделка с уведомлением" });
    const upload = await uploadDocument(author, {
      typeId: type.id,
      url: `/api/items/${open.id}/documents`,
      title: TITLE,
    });
    expect(upload.status).toBe(201);
    await moveItem(author, open.id, "review");
    await t.runJobs();
    const texts = async (client: TestClient) =>
      (await notificationsOf(client)).filter((n: any) => n.link === `/items/${open.id}`).map((n: any) => n.text);

    const own = await texts(author);
    expect(own).toHaveLength(1);
    expect(own[0]).toContain(upload.body.number);
    expect(own[0]).toContain(TITLE);
    for (const [who, client] of [
      ["reader", reader],
      ["deputy", deputy],
    ] as const) {
      const seen = await texts(client);
      expect(seen, who).toHaveLength(1);
      expect(seen[0], who).toContain("Сделка с уведомлением");
      for (const hidden of [upload.body.number, TITLE]) expect(seen[0], `${who} reads ${hidden}`).not.toContain(hidden);
    }
  });
});
