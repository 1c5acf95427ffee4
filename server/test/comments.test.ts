import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestClient } from "./harness.js";
import { addRobot, createItem, createProcess, notificationsOf } from "./process-helpers.js";

/** Comments on items and documents with @mentions (issue 20), and notifications that say what they are about. */

const idOf = (client: TestClient) => client.user.id as string;

const t = await createTestApp();
afterAll(async () => t.close());
const author = await t.userClient("Anna Author");
const responsible = await t.userClient("Roman Responsible");
const colleague = await t.userClient("Kira Colleague");
const outsider = await t.userClient("Oleg Outsider");
const secretProcess = await createProcess(t.admin, { access: "participants", name: "Договоры" });
const secretType = await createDocumentType(t.admin, { access: "participants" });
const company = (await t.admin.post("/api/companies", { name: "ООО Ромашка" })).body;

async function secretItem(title: string): Promise<any> {
  return createItem(author, secretProcess.id, { title, responsibleId: idOf(responsible), companyId: company.id });
}

describe("comments on an item", () => {
  it("are listed for whoever sees the item and hidden (404) from who does not", async () => {
    const item = await secretItem("Договор поставки");
    const posted = await author.post(`/api/items/${item.id}/comments`, { text: "  Проверьте сроки  " });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      author: { id: idOf(author), name: "Anna Author" },
      text: "Проверьте сроки",
      mentionIds: [],
    });
    const listed = await responsible.get(`/api/items/${item.id}/comments`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: any) => c.text)).toEqual(["Проверьте сроки"]);

    expect((await outsider.get(`/api/items/${item.id}/comments`)).status).toBe(404);
    expect((await outsider.post(`/api/items/${item.id}/comments`, { text: "Я тут" })).status).toBe(404);
    expect((await author.post(`/api/items/${item.id}/comments`, { text: "   " })).status).toBe(400);
    expect((await author.post(`/api/items/${item.id}/comments`, { text: "x".repeat(5001) })).status).toBe(400);
    expect((await t.admin.get(`/api/items/${item.id}/comments`)).body.items).toHaveLength(1);
  });

  it("notify a mentioned person who can see it once, even when they are also responsible", async () => {
    const item = await secretItem("Договор аренды");
    const before = (await notificationsOf(responsible)).length;
    const posted = await author.post(`/api/items/${item.id}/comments`, {
      text: "@Roman Responsible посмотрите",
      mentionIds: [idOf(responsible), idOf(responsible)],
    });
    expect(posted.status).toBe(201);
    const notes = await notificationsOf(responsible);
    expect(notes.length - before).toBe(1);
    expect(notes[0]).toMatchObject({
      text: "Anna Author упомянул(а) вас в комментарии к «Договор аренды»: @Roman Responsible посмотрите",
      link: `/items/${item.id}`,
      read: false,
      subject: { kind: "item", id: item.id, title: "Договор аренды", company: "ООО Ромашка", kindName: "Договоры" },
    });
    // The author is not told about their own comment.
    expect((await notificationsOf(author)).filter((n) => n.subject?.id === item.id)).toHaveLength(0);
  });

  it("refuses (422, nothing written) a mention of someone who cannot see it, and of an inactive user", async () => {
    const item = await secretItem("Договор подряда");
    const blind = await author.post(`/api/items/${item.id}/comments`, {
      text: "@Oleg",
      mentionIds: [idOf(outsider)],
    });
    expect(blind.status).toBe(422);
    expect(blind.body).toMatchObject({
      code: "mention_not_visible",
      errors: [{ path: "mentionIds", message: "Oleg Outsider" }],
    });
    expect(await notificationsOf(outsider)).toHaveLength(0);

    const leaving = await t.userClient("Lena Leaving", "admin");
    expect((await t.admin.patch(`/api/users/${idOf(leaving)}`, { active: false })).status).toBe(200);
    const inactive = await author.post(`/api/items/${item.id}/comments`, {
      text: "@Lena",
      mentionIds: [idOf(leaving)],
    });
    expect(inactive.status).toBe(422);
    expect(inactive.body.errors[0].path).toBe("mentionIds");

    expect((await author.get(`/api/items/${item.id}/comments`)).body.items).toHaveLength(0);
    const history = (await author.get(`/api/items/${item.id}/history`)).body.items;
    expect(history.filter((h: any) => h.action === "comment.added")).toHaveLength(0);
  });

  it("appear in the item's history with their author and mentions", async () => {
    const item = await secretItem("Договор хранения");
    await author.post(`/api/items/${item.id}/comments`, { text: "Согласуйте", mentionIds: [idOf(responsible)] });
    const history = (await responsible.get(`/api/items/${item.id}/history`)).body.items;
    expect(history.find((h: any) => h.action === "comment.added")).toMatchObject({
      actor: { id: idOf(author), name: "Anna Author" },
      details: { text: "Согласуйте", mentions: [{ id: idOf(responsible), name: "Roman Responsible" }] },
    });
  });
});

describe("comments on a document", () => {
  it("follow the document's visibility, notify the mentioned once and show in its history", async () => {
    const uploaded = await uploadDocument(author, {
      typeId: secretType.id,
      title: "Договор с Ромашкой",
      companyId: company.id,
      responsibleId: idOf(responsible),
    });
    expect(uploaded.status).toBe(201);
    const doc = uploaded.body;
    // Kira cannot see the document (participants only): mentioning her is refused.
    const blind = await author.post(`/api/documents/${doc.id}/comments`, {
      text: "@Kira",
      mentionIds: [idOf(colleague)],
    });
    expect(blind.status).toBe(422);
    expect((await colleague.get(`/api/documents/${doc.id}/comments`)).status).toBe(404);

    const posted = await author.post(`/api/documents/${doc.id}/comments`, {
      text: "Подпишите",
      mentionIds: [idOf(responsible)],
    });
    expect(posted.status).toBe(201);
    const notes = (await notificationsOf(responsible)).filter((n) => n.subject?.id === doc.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      link: `/documents/${doc.id}`,
      subject: { kind: "document", title: "Договор с Ромашкой", number: doc.number, company: "ООО Ромашка" },
    });
    expect(notes[0].text).toContain(doc.number);
    const history = (await responsible.get(`/api/documents/${doc.id}/history`)).body.items;
    expect(history.some((h: any) => h.action === "comment.added" && h.details.text === "Подпишите")).toBe(true);
  });
});

describe("notifications say what they are about", () => {
  it("a robot's message carries its item's title and company, once per person in several roles", async () => {
    const process = await createProcess(t.admin, { name: "Закупки" });
    await addRobot(t.admin, process.id, {
      stage: "draft",
      kind: "notify",
      params: { to: ["initiator", "responsible"], message: "Новая заявка" },
    });
    const item = await createItem(author, process.id, {
      title: "Закупка бумаги",
      responsibleId: idOf(author),
      companyId: company.id,
    });
    await t.runJobs();
    const notes = (await notificationsOf(author)).filter((n) => n.subject?.id === item.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      text: "Новая заявка",
      subject: { kind: "item", title: "Закупка бумаги", number: null, company: "ООО Ромашка", kindName: "Закупки" },
    });
  });
});
