import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestApp } from "./harness.js";
import { newId } from "../src/lib/ids.js";

/** A CSV the way a spreadsheet reads it: records split on CRLF outside quotes, fields on `;`, quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += ch;
    } else if (ch === ";") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

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

  it("exports the filtered log as CSV (UTF-8 with BOM, `;`), every row, in the admin's language", async () => {
    const type = await createDocumentType(t.admin);
    const prankster = await t.userClient('=HYPERLINK("http://evil.test")');
    t.clock.set(new Date("2026-03-03T09:30:00Z"));
    const doc = (await uploadDocument(prankster, { typeId: type.id, title: 'Договор "Ромашка"; этап 1' })).body;

    const res = await t.admin.get(`/api/audit/export?format=csv&entityType=document&entityId=${doc.id}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="audit-2026-03-03.csv"');
    expect([...res.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.raw.toString("utf8").slice(1));
    expect(rows[0]).toEqual([
      "Время (Europe/Moscow)",
      "Кто",
      "ID пользователя",
      "Действие",
      "Тип объекта",
      "ID объекта",
      "Подробности",
    ]);
    expect(rows).toHaveLength(2);
    const [at, who, actorId, action, entityType, entityId, details] = rows[1]!;
    expect(at).toBe("2026-03-03 12:30:00");
    // A name a spreadsheet would run as a formula is exported as text.
    expect(who).toBe(`'=HYPERLINK("http://evil.test")`);
    expect([actorId, action, entityType, entityId]).toEqual([
      prankster.user.id,
      "document.registered",
      "document",
      doc.id,
    ]);
    expect(JSON.parse(details!)).toMatchObject({ title: 'Договор "Ромашка"; этап 1' });
  });

  it("exports past its batch size: the same rows, newest first, as the list pages through", async () => {
    const entityId = newId();
    const rows = Array.from({ length: 1_234 }, (_, i) => ({
      id: newId(),
      at: new Date(Date.UTC(2026, 4, 1) + i * 1000).toISOString(),
      actorId: null,
      entityType: "bulk_test",
      entityId,
      action: "bulk.step",
      details: JSON.stringify({ step: i }),
    }));
    await t.ctx.db.insertInto("auditLog").values(rows).execute();
    const res = await t.admin.get(`/api/audit/export?entityType=bulk_test&from=2026-05-01&to=2026-05-01`);
    expect(res.status).toBe(200);
    const lines = parseCsv(res.raw.toString("utf8").slice(1)).slice(1);
    expect(lines).toHaveLength(1_234);
    expect(lines.map((line) => JSON.parse(line[6]!).step)).toEqual(rows.map((_, i) => 1_233 - i));
    expect(lines[0]![1]).toBe("Автоматизация");

    const bad = await t.admin.get("/api/audit/export?format=xlsx");
    expect(bad.status).toBe(400);
    const user = await t.userClient("Сотрудник с выгрузкой");
    expect((await user.get("/api/audit/export")).status).toBe(403);
  });
});
