import ExcelJS from "exceljs";
import { parse as parseCsvText } from "@fast-csv/parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestResponse } from "./harness.js";
import { pdfText } from "./pdf-text.js";

const docs: Record<string, any> = {};

/** The CSV as a spreadsheet reads it (fast-csv, the parser exceljs itself uses): BOM, `;`, quotes, CRLF. */
async function csvRows(res: TestResponse): Promise<string[][]> {
  expect(res.status, res.raw.toString()).toBe(200);
  expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
  expect([...res.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseCsvText<string[], string[]>({ delimiter: ";" })
      .on("data", (row: string[]) => rows.push(row))
      .on("error", reject)
      .on("end", () => resolve(rows))
      .end(res.raw.subarray(3));
  });
}

async function xlsxRows(res: TestResponse): Promise<unknown[][]> {
  expect(res.status, res.raw.toString()).toBe(200);
  expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The registry's columns, then the contract type's custom fields (Сумма, Дата подписания, Менеджер). */
const CONTRACT_COLUMNS = [
  "Номер",
  "Дата регистрации",
  "Тип",
  "Заголовок",
  "Контрагент",
  "ИНН",
  "Статус",
  "Состояние",
  "Ответственный",
  "Сумма",
  "Дата подписания",
  "Менеджер",
];
const numbersIn = (rows: unknown[][]) => rows.slice(1).map((r) => r[0]);
const fileName = (res: TestResponse) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(res.headers["content-disposition"]))![1]!);

const t = await createTestApp();
afterAll(async () => t.close());
t.clock.set("2026-03-05T09:00:00Z");
const manager = await t.userClient("Пётр Менеджеров");
const contract = await createDocumentType(t.admin, {
  name: "Договор поставки",
  numbering: { template: "Д-{n:3}", reset: "never" },
  fields: [
    { key: "amount", label: "Сумма", type: "money" },
    { key: "signedOn", label: "Дата подписания", type: "date" },
    { key: "manager", label: "Менеджер", type: "user" },
  ],
});
const invoice = await createDocumentType(t.admin, {
  name: "Счёт",
  numbering: { template: "С-{n}", reset: "never" },
  fields: [{ key: "paid", label: "Оплачен", type: "select", options: ["да", "нет"] }],
});
const romashka = (await t.admin.post("/api/companies", { name: "ООО «Ромашка»", inn: "7707083893" })).body;
const lyutik = (await t.admin.post("/api/companies", { name: "АО Лютик", inn: "7736207543" })).body;
const upload = async (key: string, options: Parameters<typeof uploadDocument>[1]) => {
  const res = await uploadDocument(t.admin, options);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  docs[key] = res.body;
  t.clock.advance(60_000);
};
await upload("paper", {
  typeId: contract.id,
  title: 'Поставка бумаги; «офисной» "А4"',
  companyId: romashka.id,
  responsibleId: manager.user.id,
  fields: { amount: "1500.50", signedOn: "2026-03-02", manager: manager.user.id },
});
await upload("rent", { typeId: contract.id, title: "Аренда склада", companyId: lyutik.id });
await t.admin.post(`/api/documents/${docs.rent.id}/status`, { status: "signed" });
await upload("bill", { typeId: invoice.id, title: "Счёт за бумагу", companyId: romashka.id, fields: { paid: "да" } });
await upload("old", { typeId: invoice.id, title: "Устаревший счёт" });
expect((await t.admin.delete(`/api/documents/${docs.old.id}`)).status).toBe(200);
const reserved = await t.admin.post(`/api/document-types/${contract.id}/reservations`, {
  count: 1,
  title: "Резерв под допсоглашение",
});
expect(reserved.status).toBe(201);
docs.reserved = reserved.body.items[0];

/** The paper contract's cells from its type to its author, the same text in CSV and XLSX. */
const PAPER_TEXT_CELLS = [
  "Договор поставки",
  'Поставка бумаги; «офисной» "А4"',
  "ООО «Ромашка»",
  "7707083893",
  "Черновик",
  "Действует",
  "Пётр Менеджеров",
];

describe("registry export", () => {
  it("CSV: the whole registry with Cyrillic, every column and the custom fields of the types present", async () => {
    const res = await t.admin.get("/api/documents/export?format=csv");
    const rows = await csvRows(res);
    expect(rows[0]).toEqual([...CONTRACT_COLUMNS, "Оплачен"]);
    // Newest first, like the list; the archived one is left out as in the list.
    expect(numbersIn(rows)).toEqual([docs.reserved.number, docs.bill.number, docs.rent.number, docs.paper.number]);
    const paper = rows.find((r) => r[0] === docs.paper.number)!;
    expect(paper).toEqual(["Д-001", "05.03.2026", ...PAPER_TEXT_CELLS, "1500,5", "02.03.2026", "Пётр Менеджеров", ""]);
    expect(rows.find((r) => r[0] === docs.rent.number)!.slice(6, 8)).toEqual(["Подписан", "Действует"]);
    expect(rows.find((r) => r[0] === docs.reserved.number)!.slice(3, 8)).toEqual([
      "Резерв под допсоглашение",
      "",
      "",
      "Черновик",
      "Зарезервирован",
    ]);
    expect(rows.find((r) => r[0] === docs.bill.number)!.slice(9)).toEqual(["", "", "", "да"]);
    expect(fileName(res)).toBe("Реестр документов 2026-03-05.csv");
  });

  it("honours every filter of the list: type, status, company, q and state", async () => {
    const byType = await csvRows(await t.admin.get(`/api/documents/export?format=csv&typeId=${invoice.id}`));
    expect(numbersIn(byType)).toEqual([docs.bill.number]);
    // Only the fields of the type present.
    expect(byType[0]!.slice(9)).toEqual(["Оплачен"]);
    const byStatus = await csvRows(
      await t.admin.get(`/api/documents/export?format=csv&typeId=${contract.id}&status=signed`),
    );
    expect(numbersIn(byStatus)).toEqual([docs.rent.number]);
    const byCompany = await csvRows(await t.admin.get(`/api/documents/export?format=csv&companyId=${romashka.id}`));
    expect(numbersIn(byCompany)).toEqual([docs.bill.number, docs.paper.number]);
    const byQ = await csvRows(
      await t.admin.get(`/api/documents/export?format=csv&q=${encodeURIComponent(docs.rent.number)}`),
    );
    expect(numbersIn(byQ)).toEqual([docs.rent.number]);
    const archived = await csvRows(await t.admin.get("/api/documents/export?format=csv&state=archived"));
    expect(numbersIn(archived)).toEqual([docs.old.number]);
    expect(archived[1]![7]).toBe("В архиве");
    const reserved = await csvRows(await t.admin.get("/api/documents/export?format=csv&state=reserved"));
    expect(numbersIn(reserved)).toEqual([docs.reserved.number]);
  });

  it("XLSX: the same registry as a workbook with real dates and numbers, read back with exceljs", async () => {
    const res = await t.admin.get(`/api/documents/export?format=xlsx&typeId=${contract.id}`);
    const rows = await xlsxRows(res);
    expect(rows[0]).toEqual(CONTRACT_COLUMNS);
    expect(numbersIn(rows)).toEqual([docs.reserved.number, docs.rent.number, docs.paper.number]);
    const paper = rows[3]!;
    expect(paper.slice(0, 9)).toEqual(["Д-001", new Date("2026-03-05T00:00:00Z"), ...PAPER_TEXT_CELLS]);
    expect(paper.slice(9)).toEqual([1500.5, new Date("2026-03-02T00:00:00Z"), "Пётр Менеджеров"]);
    expect(fileName(res)).toBe("Реестр документов — Договор поставки 2026-03-05.xlsx");
  });

  it("in English for a user who reads English", async () => {
    const reader = await t.userClient("Reader");
    expect((await reader.patch(`/api/users/${reader.user.id}`, { locale: "en" })).status).toBe(200);
    const rows = await csvRows(await reader.get(`/api/documents/export?format=csv&typeId=${contract.id}`));
    expect(rows[0]!.slice(0, 9)).toEqual([
      "Number",
      "Registered on",
      "Type",
      "Title",
      "Company",
      "INN",
      "Status",
      "State",
      "Responsible",
    ]);
    expect(rows.find((r) => r[0] === docs.paper.number)!.slice(1, 2)).toEqual(["2026-03-05"]);
    expect(rows.find((r) => r[0] === docs.paper.number)![9]).toBe("1500.5");
  });

  it("a user exports only what they may see", async () => {
    const secret = await createDocumentType(t.admin, { name: "Кадровый приказ", access: "participants" });
    const hidden = await uploadDocument(t.admin, { typeId: secret.id, title: "Премия директору" });
    const own = await uploadDocument(t.admin, {
      typeId: secret.id,
      title: "Отпуск менеджера",
      responsibleId: manager.user.id,
    });
    const outsider = await t.userClient("Посторонний");
    for (const format of ["csv", "xlsx"]) {
      const url = `/api/documents/export?format=${format}&typeId=${secret.id}`;
      const read = format === "csv" ? csvRows : xlsxRows;
      expect(numbersIn(await read(await outsider.get(url)))).toEqual([]);
      expect(numbersIn(await read(await manager.get(url)))).toEqual([own.body.number]);
      expect(numbersIn(await read(await t.admin.get(url)))).toEqual([own.body.number, hidden.body.number]);
    }
    expect((await t.anonymous().get("/api/documents/export?format=csv")).status).toBe(401);
  });

  it("walks past one page: 1,250 documents, each once, newest first", async () => {
    const bulk = await createDocumentType(t.admin, { name: "Акт", numbering: { template: "А-{n}", reset: "never" } });
    const reserved: string[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.admin.post(`/api/document-types/${bulk.id}/reservations`, { count: 50 });
      reserved.push(...res.body.items.map((d: any) => d.number));
    }
    const rows = await csvRows(await t.admin.get(`/api/documents/export?format=csv&typeId=${bulk.id}`));
    expect(rows).toHaveLength(1 + reserved.length);
    expect(numbersIn(rows)).toEqual([...reserved].reverse());
  });

  it("refuses an unknown format with 422 export_format_unknown and no file", async () => {
    for (const url of ["/api/documents/export?format=pdf", "/api/documents/export"]) {
      const res = await t.admin.get(url);
      expect(res.status).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.body.code).toBe("export_format_unknown");
      expect(res.body.errors[0].path).toBe("format");
    }
    const badFilter = await t.admin.get("/api/documents/export?format=csv&state=deleted");
    expect(badFilter.status).toBe(400);
  });
});

describe("registration journal", () => {
  let journal: any;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    journal = await createDocumentType(t.admin, {
      name: "Входящее письмо",
      numbering: { template: "ВХ-{n}", reset: "never" },
    });
    const at = async (iso: string, key: string, title: string, companyId?: string) => {
      t.clock.set(iso);
      const res = await uploadDocument(t.admin, { typeId: journal.id, title, companyId });
      expect(res.status).toBe(201);
      numbers[key] = res.body.number;
      return res.body;
    };
    await at("2026-02-28T12:00:00Z", "before", "Письмо до периода");
    // 00:30 on 1 March in Moscow is still 28 February in UTC: the journal's days are the installation's.
    await at("2026-02-28T21:30:00Z", "firstMoscow", "Письмо в полночь", romashka.id);
    t.clock.set("2026-03-02T08:00:00Z");
    const reserved = await t.admin.post(`/api/document-types/${journal.id}/reservations`, {
      count: 2,
      title: "Резерв",
    });
    [numbers.reserved, numbers.cancelled] = reserved.body.items.map((d: any) => d.number);
    const cancelled = await t.admin.post(`/api/documents/${reserved.body.items[1].id}/cancel`, {
      reason: "Ошибка в реквизитах",
    });
    expect(cancelled.status).toBe(200);
    const byUser = await uploadDocument(manager, {
      typeId: journal.id,
      title: "Письмо от Лютика",
      companyId: lyutik.id,
    });
    numbers.byUser = byUser.body.number;
    // 01:30 on 6 March in Moscow: after a period ending on the 5th.
    await at("2026-03-05T22:30:00Z", "after", "Письмо после периода");
  });

  it("PDF: every number of the period in number order, reserved and cancelled ones with their state and reason", async () => {
    const res = await t.admin.get(`/api/document-types/${journal.id}/journal?from=2026-03-01&to=2026-03-05&format=pdf`);
    expect(res.status, res.raw.toString()).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(fileName(res)).toBe("Журнал регистрации Входящее письмо 2026-03-01_2026-03-05.pdf");
    const text = (await pdfText(res.raw)).replace(/\s+/g, " ");
    expect(text).toContain("Журнал регистрации: Входящее письмо");
    expect(text).toContain("Период: 01.03.2026 — 05.03.2026. Всего номеров: 4");
    const inPeriod = [numbers.firstMoscow, numbers.reserved, numbers.cancelled, numbers.byUser] as string[];
    const positions = inPeriod.map((n) => text.search(new RegExp(`${n}(?!\\d)`)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).not.toMatch(new RegExp(`${numbers.before}(?!\\d)`));
    expect(text).not.toMatch(new RegExp(`${numbers.after}(?!\\d)`));
    for (const words of [
      "Зарезервирован",
      "Аннулирован 02.03.2026: Ошибка в реквизитах",
      "ООО «Ромашка»",
      "АО Лютик",
      "Пётр Менеджеров",
      "Administrator",
      "Зарегистрировал",
    ]) {
      expect(text).toContain(words);
    }
  });

  it("XLSX: the same entries, read back", async () => {
    const rows = await xlsxRows(
      await t.admin.get(`/api/document-types/${journal.id}/journal?from=2026-03-01&to=2026-03-05&format=xlsx`),
    );
    expect(rows[0]).toEqual([
      "Номер",
      "Дата регистрации",
      "Заголовок",
      "Контрагент",
      "Состояние",
      "Статус",
      "Зарегистрировал",
      "Примечание",
    ]);
    expect(numbersIn(rows)).toEqual([numbers.firstMoscow, numbers.reserved, numbers.cancelled, numbers.byUser]);
    expect(rows[1]!.slice(0, 5)).toEqual([
      numbers.firstMoscow,
      new Date("2026-03-01T00:00:00Z"),
      "Письмо в полночь",
      "ООО «Ромашка»",
      "Действует",
    ]);
    expect(rows[3]![4]).toBe("Аннулирован");
    expect(rows[3]![7]).toBe("Аннулирован 02.03.2026: Ошибка в реквизитах");
    expect(rows[4]![6]).toBe("Пётр Менеджеров");
  });

  it("a journal of several pages repeats the table's header on each page (landscape A4)", async () => {
    const busy = await createDocumentType(t.admin, {
      name: "Акт сверки",
      numbering: { template: "АС-{n}", reset: "never" },
    });
    t.clock.set("2026-04-01T09:00:00Z");
    for (let i = 0; i < 3; i++) {
      expect((await t.admin.post(`/api/document-types/${busy.id}/reservations`, { count: 50 })).status).toBe(201);
    }
    const res = await t.admin.get(`/api/document-types/${busy.id}/journal?from=2026-04-01&to=2026-04-01&format=pdf`);
    expect(res.status).toBe(200);
    const pages = (await pdfText(res.raw)).split("Стр. ").slice(0, -1);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages)
      expect(page.replace(/\s+/g, " ")).toContain("Номер Дата регистрации Заголовок Контрагент");
    const text = (await pdfText(res.raw)).replace(/\s+/g, " ");
    for (let n = 1; n <= 150; n++) expect(text).toMatch(new RegExp(`АС-${n}(?!\\d)`));
    // A4 landscape: 842 × 595 points.
    expect(res.raw.toString("latin1")).toContain("/MediaBox [0 0 841.89 595.28]");
  });

  it("a period without numbers still gives a journal that says so", async () => {
    const res = await t.admin.get(`/api/document-types/${journal.id}/journal?from=2025-01-01&to=2025-01-31&format=pdf`);
    expect(res.status).toBe(200);
    expect(await pdfText(res.raw)).toContain("За период номеров нет");
  });

  it("only those who may see every document of the type read its journal", async () => {
    const url = (typeId: string) => `/api/document-types/${typeId}/journal?from=2026-03-01&to=2026-03-05&format=xlsx`;
    expect((await manager.get(url(journal.id))).status).toBe(200);
    const secret = await createDocumentType(t.admin, { name: "Секретный приказ", access: "participants" });
    const refused = await manager.get(url(secret.id));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("forbidden");
    expect((await t.admin.get(url(secret.id))).status).toBe(200);
    expect((await t.admin.get(url("0190f000-0000-7000-8000-000000000000"))).status).toBe(404);
  });

  it("refuses a bad period or format with 422 and a stable code", async () => {
    const cases: [string, string, string][] = [
      ["from=2026-03-01&to=2026-03-05&format=docx", "export_format_unknown", "format"],
      ["to=2026-03-05&format=pdf", "journal_period_invalid", "from"],
      ["from=2026-02-30&to=2026-03-05&format=pdf", "journal_period_invalid", "from"],
      ["from=01.03.2026&to=2026-03-05&format=pdf", "journal_period_invalid", "from"],
      ["from=2026-03-06&to=2026-03-05&format=pdf", "journal_period_invalid", "from"],
      ["from=2025-01-01&to=2026-03-05&format=pdf", "journal_period_too_long", "to"],
    ];
    for (const [query, code, path] of cases) {
      const res = await t.admin.get(`/api/document-types/${journal.id}/journal?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.code, query).toBe(code);
      expect(res.body.errors[0].path, query).toBe(path);
    }
    // A full leap year is one journal.
    const year = await t.admin.get(
      `/api/document-types/${journal.id}/journal?from=2028-01-01&to=2028-12-31&format=xlsx`,
    );
    expect(year.status).toBe(200);
  });
});
