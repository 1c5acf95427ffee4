import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { openRuntime } from "../src/bootstrap.js";
import { HOUR_MS } from "../src/lib/clock.js";
import { uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp({ provision: true, locale: "ru" });
afterAll(async () => t.close());
const manager = await t.userClient("Manager");

const counts = async () => ({
  types: (await t.admin.get("/api/document-types")).body.items.length,
  processes: (await t.admin.get("/api/processes")).body.items.length,
  robots: (await t.admin.get(`/api/processes/${(await t.admin.get("/api/processes")).body.items[0].id}/robots`)).body
    .items.length,
});

describe("first-start provisioning", () => {
  it("creates the mission's document types, statuses and approval process in Russian", async () => {
    const types = (await t.admin.get("/api/document-types")).body.items;
    expect(types.map((x: any) => x.name).sort()).toEqual(["Акт", "Входящий документ", "Договор", "Приказ"]);
    const contract = types.find((x: any) => x.code === "contract");
    expect(contract.numbering).toEqual({ template: "Д-{yyyy}-{n:4}", reset: "year" });
    expect(contract.folder).toContain("Договоры/{yyyy}");
    expect(contract.statuses.map((s: any) => s.name)).toEqual([
      "Черновик",
      "На согласовании",
      "Согласован",
      "Подписан",
      "Отклонён",
    ]);
    expect(new Set(contract.statuses.map((s: any) => s.color)).size).toBe(5);
    const incoming = types.find((x: any) => x.code === "incoming");
    expect(incoming.statuses.map((s: any) => s.name)).toEqual(["Зарегистрирован", "На рассмотрении", "Исполнен"]);
    const process = (await t.admin.get("/api/processes")).body.items[0];
    expect(process.name).toBe("Согласование договора");
    expect(process.stages.map((s: any) => `${s.name}:${s.semantics}`)).toEqual([
      "Новый:process",
      "Проверка юристом:process",
      "Согласование с руководителем:process",
      "Подписание:process",
      "Подписан и отправлен:success",
      "Отклонён:failure",
    ]);
  });

  it("happens once: a restart adds nothing", async () => {
    const before = await counts();
    const again = await openRuntime(t.config, pino({ level: "silent" }), t.clock);
    await again.close();
    expect(await counts()).toEqual(before);
  });

  it("runs the mission's scenario out of the box", async () => {
    const company = (await manager.post("/api/companies", { name: "ООО Поставщик", inn: "7707083893" })).body;
    const process = (await manager.get("/api/processes")).body.items[0];
    const contractType = (await manager.get("/api/document-types")).body.items.find((x: any) => x.code === "contract");
    const item = (
      await manager.post(`/api/processes/${process.id}/items`, { title: "Договор поставки", companyId: company.id })
    ).body;
    expect(item.stage.code).toBe("new");
    const upload = await uploadDocument(manager, {
      url: `/api/items/${item.id}/documents`,
      typeId: contractType.id,
      title: "Договор поставки",
      file: "Текст договора поставки",
      name: "договор.txt",
    });
    expect(upload.status).toBe(201);
    expect(upload.body.number).toMatch(/^Д-\d{4}-0001$/);
    expect(upload.body.status.name).toBe("Черновик");
    expect(upload.body.companyId).toBe(company.id);

    expect((await manager.post(`/api/items/${item.id}/stage`, { stage: "legal" })).status).toBe(200);
    await t.runJobs();
    const moved = (await manager.get(`/api/items/${item.id}`)).body;
    expect(moved.responsibleId).toBe(t.admin.user.id);
    const adminInbox = (await t.admin.get("/api/notifications")).body.items.map((n: any) => n.text);
    // The message names the contract: its title, number and company.
    expect(adminInbox).toContain(
      `Вам необходимо проверить договор перед согласованием! «Договор поставки», ${upload.body.number}, ООО Поставщик`,
    );
    expect((await manager.get(`/api/documents/${upload.body.id}`)).body.status.name).toBe("На согласовании");

    // The reminder counts working time: one working day after entering (Monday 12:00 → Tuesday 12:00, Moscow).
    const isReminder = (n: any) => n.text.startsWith("Процедура проверки договора длится более 24 часов!");
    t.clock.advance(24 * HOUR_MS - 1000);
    await t.runJobs();
    expect((await manager.get("/api/notifications")).body.items.filter(isReminder)).toHaveLength(0);
    t.clock.advance(2000);
    await t.runJobs();
    await t.runJobs();
    const reminders = (await manager.get("/api/notifications")).body.items.filter(isReminder);
    expect(reminders.map((n: any) => n.text)).toEqual([
      `Процедура проверки договора длится более 24 часов! «Договор поставки», ${upload.body.number}, ООО Поставщик`,
    ]);

    await t.admin.post(`/api/items/${item.id}/stage`, { stage: "manager" });
    await t.runJobs();
    const pending = (await t.admin.get("/api/approvals?state=pending")).body.items;
    expect(pending).toHaveLength(1);
    expect((await t.admin.post(`/api/approvals/${pending[0].id}/decision`, { decision: "approve" })).status).toBe(200);
    await t.runJobs();
    expect((await manager.get(`/api/items/${item.id}`)).body.stage.code).toBe("signing");
    expect((await manager.get(`/api/documents/${upload.body.id}`)).body.status.name).toBe("Согласован");

    await t.admin.post(`/api/items/${item.id}/stage`, { stage: "done" });
    await t.runJobs();
    const card = (await manager.get(`/api/companies/${company.id}/documents`)).body.items;
    expect(card.map((d: any) => `${d.number} ${d.status.name}`)).toEqual([`${upload.body.number} Подписан`]);
  });
});

describe("provisioning in English", () => {
  it("uses DOCKET_LOCALE=en", async () => {
    const en = await createTestApp({ provision: true, locale: "en" });
    try {
      const types = (await en.admin.get("/api/document-types")).body.items.map((x: any) => x.name).sort();
      expect(types).toEqual(["Act", "Contract", "Incoming document", "Order"]);
      expect((await en.admin.get("/api/processes")).body.items[0].name).toBe("Contract approval");
    } finally {
      await en.close();
    }
  });

  it("waits for the first administrator when there is none, then provisions after setup", async () => {
    const empty = await createTestApp({ provision: true }, { empty: true });
    try {
      const client = empty.anonymous();
      await client.post("/api/setup", { email: "boss@example.com", password: "boss-password", name: "Boss" });
      expect((await client.get("/api/processes")).body.items).toHaveLength(1);
    } finally {
      await empty.close();
    }
  });
});
