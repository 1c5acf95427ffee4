import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestApp } from "./harness.js";

describe("GET /api/audit", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("lists every recorded action newest first, with actor and time, filtered by entity, actor and period", async () => {
    const type = await createDocumentType(t.admin);
    const clerk = await t.userClient("Делопроизводитель");
    t.clock.set(new Date("2026-03-01T10:00:00Z"));
    const first = (await uploadDocument(clerk, { typeId: type.id, title: "Первый" })).body;
    t.clock.set(new Date("2026-03-02T10:00:00Z"));
    const second = (await uploadDocument(t.admin, { typeId: type.id, title: "Второй" })).body;
    t.clock.advance(60_000);
    expect((await t.admin.post(`/api/documents/${second.id}/status`, { status: "signed" })).status).toBe(200);

    const byDocument = await t.admin.get(`/api/audit?entityType=document&entityId=${second.id}`);
    expect(byDocument.status).toBe(200);
    expect(byDocument.body.items.map((e: any) => e.action)).toEqual(["document.status_changed", "document.registered"]);
    expect(byDocument.body.items[1]).toMatchObject({
      at: "2026-03-02T10:00:00.000Z",
      actor: { id: t.admin.user.id, name: "Administrator" },
      entityType: "document",
      entityId: second.id,
      details: { title: "Второй" },
    });

    const byClerk = (await t.admin.get(`/api/audit?entityType=document&actorId=${clerk.user.id}`)).body.items;
    expect(byClerk.map((e: any) => e.entityId)).toEqual([first.id]);

    const firstDay = (await t.admin.get(`/api/audit?entityType=document&from=2026-03-01&to=2026-03-01`)).body.items;
    expect(firstDay.map((e: any) => e.entityId)).toEqual([first.id]);
    const fromSecond = (await t.admin.get(`/api/audit?entityType=document&from=2026-03-02T00:00:00Z`)).body.items;
    expect(fromSecond.every((e: any) => e.entityId === second.id)).toBe(true);
  });

  it("pages with a cursor and refuses bad filters with 400", async () => {
    const page1 = await t.admin.get("/api/audit?limit=2");
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.admin.get(`/api/audit?limit=2&cursor=${page1.body.nextCursor}`);
    const ids = [...page1.body.items, ...page2.body.items].map((e: any) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = (await t.admin.get("/api/audit?limit=200")).body.items.map((e: any) => e.id);
    expect(all.slice(0, ids.length)).toEqual(ids);

    const bad = await t.admin.get("/api/audit?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");
  });

  it("is for administrators only", async () => {
    const user = await t.userClient("Сотрудник");
    expect((await user.get("/api/audit")).status).toBe(403);
    expect((await t.anonymous().get("/api/audit")).status).toBe(401);
  });
});
