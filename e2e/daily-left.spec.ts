/**
 * What was left of issue 20's daily use: a field picker for robot conditions, an upload from a kanban card with the
 * process's type preselected, the company card's «Документы» tab, status badges readable beside extra registry columns,
 * and the registry's header buttons compact on a phone.
 */
import type { Locator } from "@playwright/test";
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession, screenshot } from "./lib/browser.js";
import { createDocumentType, createProcess, makePdf, uploadDocument } from "./lib/fixtures.js";
import { card } from "./lib/kanban.js";
import { expect, test } from "./lib/test.js";
import { pdfFile } from "./lib/upload.js";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const LONG_STATUS = `На согласовании у руководителя ${suffix}`;

let typeId = "";
let processId = "";
let companyId = "";

test.beforeAll(async () => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  companyId = (await admin.post<{ id: string }>("/api/companies", { name: `ООО Остаток ${suffix}` })).id;
  typeId = (
    await createDocumentType(admin, {
      code: `left_${suffix}`,
      name: `Соглашение ${suffix}`,
      folder: "Соглашения",
      numbering: `О${suffix}-{n:3}`,
      statuses: { review: LONG_STATUS },
      fields: [
        { key: "amount", label: "Сумма сделки", type: "money" },
        { key: "object", label: "Объект поставки", type: "text" },
        { key: "term", label: "Срок действия договора", type: "text" },
        { key: "place", label: "Место исполнения обязательств", type: "text" },
      ],
    })
  ).id;
  processId = (
    await createProcess(admin, {
      code: `left_${suffix}`,
      name: `Остаток ${suffix}`,
      stages: { new: "Новый" },
      success: { done: "Готово" },
    })
  ).id;
  const withDocument = await admin.post<{ id: string }>(`/api/processes/${processId}/items`, {
    title: `С документом ${suffix}`,
    companyId,
  });
  await uploadDocument(admin, {
    itemId: withDocument.id,
    typeId,
    title: `Соглашение о поставке ${suffix}`,
    fields: {
      amount: 1_250_000,
      object: "Склад на Промышленной улице",
      term: "До 31 декабря 2027 года",
      place: "г. Москва, ул. Промышленная",
    },
    file: pdfFile("agreement.pdf", "Agreement"),
  });
  await admin.post(`/api/processes/${processId}/items`, { title: `Без документов ${suffix}` });
});

test("the condition's field is chosen from the item's fields by their names, in Russian and in English", async ({
  browser,
}) => {
  for (const [locale, robot, field, custom, option] of [
    ["ru-RU", "Добавить робота", "Поле", "Объект поставки", "Название элемента"],
    ["en-US", "Add robot", "Field", "Объект поставки", "Item title"],
  ] as const) {
    const session = await adminSession(browser, { locale, viewport: DESKTOP });
    const { page } = session;
    await page.goto(`/settings/processes/${processId}`);
    await page.getByRole("button", { name: robot }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("switch").last().check({ force: true });
    await dialog.getByRole("textbox", { name: field, exact: true }).click();
    // Built-in fields in the interface's language, the types' custom fields by their labels.
    await expect(page.getByRole("option", { name: option, exact: true })).toBeVisible();
    await expect(page.getByRole("option", { name: custom, exact: true })).toBeVisible();
    await screenshot(page, `80-condition-field-picker-${locale.slice(0, 2)}-1440`);
    await page.getByRole("option", { name: custom, exact: true }).click();
    await expect(dialog.getByRole("textbox", { name: field, exact: true })).toHaveValue(custom);
    session.assertNoConsoleErrors();
    await session.close();
  }
});

test("a field set only through the API is typed as its code, and the robot keeps it", async ({ browser }) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: PHONE });
  const { page } = session;
  await page.goto(`/settings/processes/${processId}`);
  await page.getByRole("button", { name: "Добавить робота" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Сообщение").fill(`Особый вид ${suffix}`);
  await dialog.getByRole("switch", { name: "Только при условии" }).check({ force: true });
  await dialog.getByRole("textbox", { name: "Поле", exact: true }).click();
  await page.getByRole("option", { name: "Другое поле элемента (по коду)…" }).click();
  await dialog.getByRole("textbox", { name: "Код поля" }).fill("contract_kind");
  await dialog.getByRole("textbox", { name: "Значение" }).fill("рамочный");
  await screenshot(page, "80-condition-field-code-ru-390");
  await dialog.getByRole("button", { name: "Сохранить" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("robot-row")).toContainText("contract_kind > рамочный");
  // Opened again, the field shows as the code it is.
  await page
    .getByTestId("robot-row")
    .getByRole("button", { name: /Изменить/ })
    .first()
    .click();
  await expect(page.getByRole("dialog").getByRole("textbox", { name: "Код поля" })).toHaveValue("contract_kind");
  session.assertNoConsoleErrors();
  await session.close();
});

test("an upload from a kanban card registers a document of the process's type on that item", async ({ browser }) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: DESKTOP });
  const { page } = session;
  await page.goto(`/processes/${processId}`);
  const uploadFrom = async (title: string): Promise<Locator> => {
    await page.getByRole("button", { name: `Действия с «${title}»` }).click();
    await screenshot(page, "81-kanban-card-menu-ru-1440");
    await page.getByRole("menuitem", { name: "Загрузить документ" }).click();
    const dialog = page.getByRole("dialog", { name: "Загрузка документа" });
    await expect(dialog.getByTestId("upload-type")).toHaveValue(`Соглашение ${suffix}`);
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: makePdf(title) });
    return dialog;
  };

  // The item's own documents give the type.
  let dialog = await uploadFrom(`С документом ${suffix}`);
  await screenshot(page, "81-kanban-upload-ru-1440");
  await dialog.getByRole("button", { name: "Загрузить документ" }).click();
  await expect(dialog.getByTestId("upload-number")).toHaveText(`О${suffix}-002`);
  await dialog.getByRole("button", { name: "Закрыть" }).first().click();

  // An item without documents takes the type last uploaded in this process; the document lands on that item.
  dialog = await uploadFrom(`Без документов ${suffix}`);
  await dialog.getByRole("button", { name: "Загрузить документ" }).click();
  await expect(dialog.getByTestId("upload-number")).toHaveText(`О${suffix}-003`);
  await dialog.getByRole("button", { name: "Закрыть" }).first().click();
  await expect(card(page, `Без документов ${suffix}`).getByTestId("kanban-card-number")).toHaveText(`О${suffix}-003`);
  session.assertNoConsoleErrors();
  await session.close();
});

test("the company card's documents tab reads «Документы» (Documents)", async ({ browser }) => {
  for (const [locale, name] of [
    ["ru-RU", "Документы"],
    ["en-US", "Documents"],
  ] as const) {
    const session = await adminSession(browser, { locale, viewport: DESKTOP });
    await session.page.goto(`/companies/${companyId}`);
    await expect(session.page.getByRole("tab", { name, exact: true })).toBeVisible();
    await session.close();
  }
});

test("status badges stay readable at 1440 px beside the extra columns of the registry", async ({ browser }) => {
  for (const locale of ["ru-RU", "en-US"]) {
    const session = await adminSession(browser, { locale, viewport: DESKTOP });
    const { page } = session;
    await page.goto(`/documents?typeId=${typeId}`);
    await page.getByTestId("column-chooser").click();
    for (const box of await page.getByRole("dialog").getByRole("checkbox").all()) await box.check();
    await page.keyboard.press("Escape");
    const badge = page.getByTestId("document-row").first().getByTestId("status-badge");
    await expect(badge).toBeVisible();
    await screenshot(page, `82-registry-long-status-${locale.slice(0, 2)}-1440`);
    // Every character of the name is drawn inside the badge: nothing clipped, no ellipsis.
    const clipped = await badge.evaluate((el) =>
      [el, ...Array.from(el.querySelectorAll("*"))].some(
        (node) => node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1,
      ),
    );
    expect(clipped).toBe(false);
    await expect(badge).toHaveText(LONG_STATUS);
    session.assertNoConsoleErrors();
    await session.close();
  }
});

test("on a phone the registry's header buttons take one row, the less used ones in a menu", async ({ browser }) => {
  for (const [locale, upload, more, csv] of [
    ["ru-RU", "Загрузить документ", "Ещё", "Скачать CSV"],
    ["en-US", "Upload document", "More", "Download CSV"],
  ] as const) {
    const session = await adminSession(browser, { locale, viewport: PHONE });
    const { page } = session;
    await page.goto("/documents");
    const uploadButton = page.getByRole("button", { name: upload, exact: true });
    const moreButton = page.getByRole("button", { name: more, exact: true });
    const [a, b] = [await uploadButton.boundingBox(), await moreButton.boundingBox()];
    expect(a && b && Math.abs(a.y - b.y) < 4).toBe(true);
    const header = await page.getByTestId("registry-actions").boundingBox();
    expect(header!.height).toBeLessThan(50);
    await screenshot(page, `83-registry-header-${locale.slice(0, 2)}-390`);
    await moreButton.click();
    await expect(page.getByRole("menuitem", { name: csv })).toBeVisible();
    await screenshot(page, `84-registry-more-menu-${locale.slice(0, 2)}-390`);
    session.assertNoConsoleErrors();
    await session.close();
  }
});
