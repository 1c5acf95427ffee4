import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
const user = await t.userClient("Менеджер");

// Real-world valid INNs (checksums pass): a 10-digit legal entity and a 12-digit individual.
const INN10 = "7707083893";
const INN12 = "500100732259";

describe("companies", () => {
  it("creates a company with a valid INN and KPP", async () => {
    const res = await user.post("/api/companies", {
      name: "ПАО Сбербанк",
      inn: INN10,
      kpp: "773601001",
      address: "Москва, ул. Вавилова, 19",
      phone: "+7 495 500-55-50",
      email: "Info@Example.ru",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "ПАО Сбербанк", inn: INN10, kpp: "773601001", email: "info@example.ru" });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts a 12-digit INN and refuses a bad checksum with the path", async () => {
    expect((await user.post("/api/companies", { name: "ИП Иванов", inn: INN12 })).status).toBe(201);
    const bad = await user.post("/api/companies", { name: "ООО Фальшивка", inn: "7707083894" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: "inn", message: expect.stringMatching(/checksum/) }]);
    const badKpp = await user.post("/api/companies", { name: "ООО Фальшивка", kpp: "12" });
    expect(badKpp.status).toBe(400);
    expect(badKpp.body.errors[0].path).toBe("kpp");
    expect((await user.get("/api/companies?q=фальшивка")).body.items).toHaveLength(0);
  });

  it("refuses a second company with the same INN (409), naming the field so the form shows it beside the INN", async () => {
    const res = await user.post("/api/companies", { name: "Двойник", inn: INN10 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("inn_taken");
    expect(res.body.errors).toEqual([{ path: "inn", message: expect.stringContaining(INN10) }]);
  });

  it("searches by name case-insensitively (Cyrillic) and by INN", async () => {
    await user.post("/api/companies", { name: "ООО «Ромашка»", inn: "" });
    expect(
      (await user.get(`/api/companies?q=${encodeURIComponent("РОМАШ")}`)).body.items.map((c: any) => c.name),
    ).toEqual(["ООО «Ромашка»"]);
    expect((await user.get(`/api/companies?q=${INN12.slice(0, 6)}`)).body.items.map((c: any) => c.name)).toEqual([
      "ИП Иванов",
    ]);
    expect((await user.get(`/api/companies?q=%25`)).body.items.length).toBe(0);
  });

  it("edits a company and keeps search in step", async () => {
    const created = (await user.post("/api/companies", { name: "ООО Старое имя" })).body;
    const res = await user.patch(`/api/companies/${created.id}`, { name: "ООО Новое имя", inn: "7728168971" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "ООО Новое имя", inn: "7728168971" });
    expect((await user.get(`/api/companies?q=новое`)).body.items).toHaveLength(1);
    expect((await user.get(`/api/companies?q=старое`)).body.items).toHaveLength(0);
    expect((await user.patch(`/api/companies/${created.id}`, { inn: "123" })).status).toBe(400);
  });

  it("pages through companies by cursor without repeats", async () => {
    for (let i = 0; i < 5; i++) await user.post("/api/companies", { name: `Пагинация ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await user.get(`/api/companies?q=пагинация&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.items.map((c: any) => c.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Пагинация 0", "Пагинация 1", "Пагинация 2", "Пагинация 3", "Пагинация 4"]);
  });

  it("only an admin deletes, and never a company still in use", async () => {
    const company = (await user.post("/api/companies", { name: "ООО Удаляемая" })).body;
    await user.post("/api/contacts", { name: "Пётр", companyId: company.id });
    expect((await user.delete(`/api/companies/${company.id}`)).status).toBe(403);
    expect((await t.admin.delete(`/api/companies/${company.id}`)).status).toBe(409);
    const lonely = (await user.post("/api/companies", { name: "ООО Пустая" })).body;
    expect((await t.admin.delete(`/api/companies/${lonely.id}`)).status).toBe(204);
    expect((await user.get(`/api/companies/${lonely.id}`)).status).toBe(404);
  });

  it("needs a session (401) and CSRF (403)", async () => {
    expect((await t.anonymous().get("/api/companies")).status).toBe(401);
    expect((await t.anonymous().post("/api/companies", { name: "X" })).status).toBe(401);
    const res = await user.request("POST", "/api/companies", { name: "Без CSRF" }, { headers: { "x-csrf-token": "" } });
    expect(res.status).toBe(403);
    expect((await user.get(`/api/companies?q=${encodeURIComponent("без csrf")}`)).body.items).toHaveLength(0);
  });
});

describe("contacts", () => {
  it("creates, lists by company, edits and deletes a contact", async () => {
    const company = (await user.post("/api/companies", { name: "ООО Контакты" })).body;
    const created = await user.post("/api/contacts", {
      name: "Мария Сидорова",
      companyId: company.id,
      email: "maria@example.ru",
      phone: "+7 (999) 123-45-67",
      position: "Главный бухгалтер",
    });
    expect(created.status).toBe(201);
    expect((await user.get(`/api/contacts?companyId=${company.id}`)).body.items.map((c: any) => c.name)).toEqual([
      "Мария Сидорова",
    ]);
    expect((await user.get(`/api/contacts?q=сидор`)).body.items).toHaveLength(1);
    const edited = await user.patch(`/api/contacts/${created.body.id}`, { phone: "" });
    expect(edited.body.phone).toBeNull();
    expect((await user.delete(`/api/contacts/${created.body.id}`)).status).toBe(204);
    expect((await user.get(`/api/contacts/${created.body.id}`)).status).toBe(404);
  });

  it("refuses an unknown company (422) and a bad email (400)", async () => {
    expect((await user.post("/api/contacts", { name: "Никто", companyId: "missing" })).status).toBe(422);
    const res = await user.post("/api/contacts", { name: "Никто", email: "not-an-email" });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("email");
  });

  it("needs a session (401) and CSRF (403)", async () => {
    expect((await t.anonymous().get("/api/contacts")).status).toBe(401);
    expect(
      (await user.request("POST", "/api/contacts", { name: "X" }, { headers: { "x-csrf-token": "x" } })).status,
    ).toBe(403);
  });
});
