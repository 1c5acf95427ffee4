import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());

const validType = {
  code: "contract",
  name: "Договор",
  folder: "Договоры/{yyyy}",
  numbering: { template: "Д-{yyyy}-{n:4}", reset: "year" },
  statuses: [
    { code: "draft", name: "Черновик", color: "#868e96", initial: true },
    { code: "signed", name: "Подписан", color: "#40c057", final: true },
  ],
  fields: [
    { key: "amount", label: "Сумма", type: "money", required: true },
    { key: "kind", label: "Вид", type: "select", options: ["поставка", "услуги"] },
  ],
  access: "all",
};

const pathsOf = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

describe("document types", () => {
  it("an administrator creates a type and everyone can read it", async () => {
    const created = await t.admin.post("/api/document-types", validType);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: "contract",
      folder: "/Договоры/{yyyy}",
      numbering: { template: "Д-{yyyy}-{n:4}", reset: "year" },
      access: "all",
    });
    const user = await t.userClient("Reader");
    const list = await user.get("/api/document-types");
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: any) => x.code)).toContain("contract");
    expect((await user.get(`/api/document-types/${created.body.id}`)).body.statuses).toHaveLength(2);
  });

  it("only administrators create or change types", async () => {
    const user = await t.userClient("Not Admin");
    expect((await user.post("/api/document-types", { ...validType, code: "x1" })).status).toBe(403);
    const type = await createDocumentType(t.admin);
    expect((await user.patch(`/api/document-types/${type.id}`, { name: "Новое" })).status).toBe(403);
  });

  it("refuses a duplicate code with 409", async () => {
    const res = await t.admin.post("/api/document-types", validType);
    expect(res.status).toBe(409);
  });

  it.each([
    ["a numbering template without {n}", { numbering: { template: "Д-{yyyy}", reset: "year" } }, "numbering.template"],
    ["an unknown token", { numbering: { template: "Д-{yyyy}-{q}-{n}", reset: "year" } }, "numbering.template"],
    ["two counters", { numbering: { template: "{n}-{n:3}", reset: "never" } }, "numbering.template"],
    ["a yearly reset without the year", { numbering: { template: "Д-{n}", reset: "year" } }, "numbering.template"],
    [
      "a monthly reset without the month",
      { numbering: { template: "{yyyy}-{n}", reset: "month" } },
      "numbering.template",
    ],
    ["a folder that climbs out", { folder: "Договоры/../../etc" }, "folder"],
    ["an unknown folder token", { folder: "Договоры/{n}" }, "folder"],
    ["a bad colour", { statuses: [{ code: "a", name: "A", color: "red", initial: true }] }, "statuses.0.color"],
    ["no initial status", { statuses: [{ code: "a", name: "A", color: "#ffffff" }] }, "statuses"],
    [
      "two initial statuses",
      {
        statuses: [
          { code: "a", name: "A", color: "#ffffff", initial: true },
          { code: "b", name: "B", color: "#000000", initial: true },
        ],
      },
      "statuses",
    ],
    ["a select without options", { fields: [{ key: "k", label: "K", type: "select" }] }, "fields.0.options"],
  ])("refuses %s with 400 and the path", async (_what, patch, path) => {
    const res = await t.admin.post("/api/document-types", {
      ...validType,
      code: `bad${Math.random()}`.slice(0, 12),
      ...patch,
    });
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toContain(path);
  });

  it("PATCH validates too and changes only what it names", async () => {
    const type = await createDocumentType(t.admin);
    const bad = await t.admin.patch(`/api/document-types/${type.id}`, { numbering: { template: "X", reset: "never" } });
    expect(bad.status).toBe(400);
    const ok = await t.admin.patch(`/api/document-types/${type.id}`, { name: "Акт", access: "participants" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: "Акт", access: "participants", code: type.code });
  });

  it("refuses to remove a status that documents still have (409)", async () => {
    const type = await createDocumentType(t.admin);
    expect((await uploadDocument(t.admin, { typeId: type.id })).status).toBe(201);
    const res = await t.admin.patch(`/api/document-types/${type.id}`, {
      statuses: [{ code: "approval", name: "На согласовании", color: "#fab005", initial: true }],
    });
    expect(res.status).toBe(409);
  });
});

describe("the next number a type shows", () => {
  it("is the number its next registration takes, reservations counted, in the office's time zone", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const type = await createDocumentType(t.admin, { numbering: { template: "НХ-{yyyy}-{mm}-{n:3}", reset: "month" } });
    expect(type).toMatchObject({ nextNumber: "НХ-2026-03-001", nextSeq: 1 });

    const uploaded = await uploadDocument(t.admin, { typeId: type.id });
    expect(uploaded.body.number).toBe("НХ-2026-03-001");
    const reserved = await t.admin.post(`/api/document-types/${type.id}/reservations`, { count: 2 });
    expect(reserved.status).toBe(201);
    const shown = (await t.admin.get(`/api/document-types/${type.id}`)).body;
    expect(shown).toMatchObject({ nextNumber: "НХ-2026-03-004", nextSeq: 4 });
    const listed = (await t.admin.get("/api/document-types?limit=100")).body.items.find((x: any) => x.id === type.id);
    expect(listed.nextNumber).toBe("НХ-2026-03-004");
    expect((await uploadDocument(t.admin, { typeId: type.id })).body.number).toBe(shown.nextNumber);

    // 21:30 UTC on 31 March is already April in Moscow (DOCKET_TZ): the monthly counter starts again.
    t.clock.set("2026-03-31T21:30:00Z");
    expect((await t.admin.get(`/api/document-types/${type.id}`)).body).toMatchObject({
      nextNumber: "НХ-2026-04-001",
      nextSeq: 1,
    });
    t.clock.set("2026-03-02T09:00:00Z");
  });

  it("the session tells the web the office's time zone its previews must use", async () => {
    expect((await t.admin.get("/api/auth/me")).body.timeZone).toBe(t.config.timeZone);
  });
});
