/**
 * What a daily user still missed (issue 20): the registry's column chooser, its filters behind one button on a phone,
 * the company card's tab kept in the URL and company names drawn as links.
 */
import { innCheckDigit } from "@docket/common/inn";
import type { Page } from "@playwright/test";
import { ApiClient } from "./lib/api.js";
import { createDocumentType, createProcess, uploadDocument } from "./lib/fixtures.js";
import { ADMIN, adminSession, screenshot } from "./lib/browser.js";
import { chooseFiles, chooseUploadType, openUploadDialog, pdfFile, textFile } from "./lib/upload.js";
import { assert, expect, test } from "./lib/test.js";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);
const COMPANY = `ООО Ежедневный ${suffix}`;
let typeId = "";
let companyId = "";
let documentId = "";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

test.beforeAll(async () => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  companyId = (await admin.post<{ id: string }>("/api/companies", { name: COMPANY })).id;
  typeId = (
    await createDocumentType(admin, {
      code: `daily_${suffix}`,
      name: `Ежедневный ${suffix}`,
      folder: "Ежедневные",
      numbering: `Е${suffix}-{n:3}`,
      statuses: { draft: "Черновик" },
      fields: [{ key: "object", label: "Объект", type: "text" }],
    })
  ).id;
  documentId = (
    await uploadDocument(admin, {
      typeId,
      title: "Акт осмотра",
      companyId,
      fields: { object: "Склад №2" },
      file: textFile("act.txt", "акт"),
    })
  ).id;
});

/** A 10-digit INN with a valid check digit that no other spec uses. */
function uniqueInn(): string {
  const firstNine = String(Date.now() % 1e9).padStart(9, "7");
  return firstNine + String(innCheckDigit(firstNine));
}

/** Whether a link is drawn in the link colour, not in the colour of the text around it. */
async function looksLikeLink(page: Page, testId: string): Promise<void> {
  const link = page.getByTestId(testId).first();
  await expect(link).toBeVisible();
  const [colour, body] = await link.evaluate((el) => [
    getComputedStyle(el).color,
    getComputedStyle(document.body).color,
  ]);
  assert(colour !== body, `a company link is drawn in the link colour (${colour}), not as plain text (${body})`);
}

test("the column chooser adds the responsible and a custom field to the registry, remembered after a reload", async ({
  browser,
}) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: DESKTOP });
  const { page } = session;
  await page.goto(`/documents?typeId=${typeId}`);
  const table = page.getByTestId("documents-table");
  await expect(page.getByTestId("document-row")).toHaveCount(1);
  await expect(table.getByRole("columnheader", { name: "Объект" })).toHaveCount(0);
  await page.getByTestId("column-chooser").click();
  await page.getByRole("checkbox", { name: "Ответственный" }).check();
  await page.getByRole("checkbox", { name: "Объект" }).check();
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: "Объект" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Ответственный" })).toBeVisible();
  await expect(page.getByTestId("document-row")).toContainText("Склад №2");
  await screenshot(page, "50-registry-columns-ru-1440");
  await page.reload();
  await expect(table.getByRole("columnheader", { name: "Объект" })).toBeVisible();
  await page.getByTestId("column-chooser").click();
  await page.getByRole("checkbox", { name: "Объект" }).uncheck();
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: "Объект" })).toHaveCount(0);
  await looksLikeLink(page, "company-link");
  session.assertNoConsoleErrors();
  await session.close();
});

test("on a phone the registry's filters sit behind one «Фильтры» button that counts the active ones", async ({
  browser,
}) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: PHONE });
  const { page } = session;
  await page.goto("/documents");
  const toggle = page.getByTestId("filters-toggle");
  await expect(toggle).toHaveText("Фильтры");
  await expect(page.getByRole("textbox", { name: "Поиск" })).toBeHidden();
  await toggle.click();
  const sheet = page.getByRole("dialog", { name: "Фильтры" });
  await sheet.getByRole("textbox", { name: "Тип" }).click();
  await page.getByRole("option", { name: `Ежедневный ${suffix}` }).click();
  await sheet.getByRole("searchbox", { name: "Поиск" }).fill("Акт");
  await expect(page).toHaveURL(/q=/);
  await screenshot(page, "51-registry-filters-sheet-ru-390");
  await sheet.getByRole("button", { name: "Показать" }).click();
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId("filters-count")).toHaveText("2");
  await expect(page.getByTestId("filters-count")).toHaveAttribute("aria-label", "Включено 2 фильтра");
  await expect(page.getByTestId("document-row")).toHaveCount(1);
  await screenshot(page, "52-registry-phone-ru-390");
  await page.reload();
  await expect(page.getByTestId("filters-count")).toHaveText("2");
  await toggle.click();
  await page.getByRole("dialog", { name: "Фильтры" }).getByRole("button", { name: "Сбросить фильтры" }).click();
  await page.getByRole("dialog", { name: "Фильтры" }).getByRole("button", { name: "Показать" }).click();
  await expect(page.getByTestId("filters-count")).toHaveCount(0);
  session.assertNoConsoleErrors();
  await session.close();

  const english = await adminSession(browser, { locale: "en-US", viewport: PHONE });
  await english.page.goto(`/documents?typeId=${typeId}`);
  await expect(english.page.getByTestId("filters-toggle")).toContainText("Filters");
  await expect(english.page.getByTestId("filters-count")).toHaveAttribute("aria-label", "1 filter on");
  await english.page.getByTestId("filters-toggle").click();
  await expect(
    english.page.getByRole("dialog", { name: "Filters" }).getByRole("button", { name: "Show results" }),
  ).toBeVisible();
  await screenshot(english.page, "53-registry-filters-sheet-en-390");
  await english.close();
});

test("the company card's tab is in the URL: a reload and coming back from a document keep it", async ({ browser }) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: DESKTOP });
  const { page } = session;
  await page.goto(`/documents/${documentId}`);
  await looksLikeLink(page, "company-link");
  await page.getByTestId("company-link").click();
  await expect(page.getByRole("heading", { name: COMPANY })).toBeVisible();
  await page.getByRole("tab", { name: "Документы" }).click();
  await expect(page).toHaveURL(/\?tab=documents$/);
  await page.reload();
  await expect(page.getByRole("tab", { name: "Документы" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("link", { name: new RegExp(`^Е${suffix}-`) }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${documentId}$`));
  await page.goBack();
  await expect(page.getByRole("tab", { name: "Документы" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("document-row")).toHaveCount(1);
  await screenshot(page, "54-company-documents-ru-1440");
  await page.getByRole("tab", { name: "Реквизиты" }).click();
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));
  await page.goto("/companies");
  await looksLikeLink(page, "company-link");
  session.assertNoConsoleErrors();
  await session.close();
});

test("dialogs show a server refusal beside its field, in the user's language, scrolled into view", async ({
  browser,
}) => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const inn = uniqueInn();
  const holderName = `ООО Держатель ИНН ${suffix}`;
  await admin.post("/api/companies", { name: holderName, inn });
  const process = await createProcess(admin, {
    code: `dlg_${suffix}`,
    name: `Диалоги ${suffix}`,
    stages: { new: "Новая" },
    success: { won: "Выиграна" },
  });

  const session = await adminSession(browser, { locale: "ru-RU", viewport: PHONE });
  const { page } = session;
  session.expectError(/409|422|Conflict|Unprocessable/);

  await page.goto("/companies");
  await page.getByRole("button", { name: "Новая компания" }).click();
  let dialog = page.getByRole("dialog", { name: "Новая компания" });
  await dialog.getByLabel("Название").fill(`ООО Двойник ${suffix}`);
  await dialog.getByLabel("ИНН").fill(inn);
  await dialog.getByRole("button", { name: "Сохранить" }).click();
  const innField = dialog.getByRole("textbox", { name: "ИНН" });
  await expect(innField).toHaveAttribute("aria-invalid", "true");
  await expect(innField).toHaveAccessibleDescription(new RegExp(`ИНН ${inn} уже указан у компании «${holderName}»\\.`));
  await expect(dialog.getByTestId("error-alert")).toContainText(`ИНН ${inn} уже указан`);
  await expect(innField).toBeFocused();
  await expect(innField).toBeInViewport();
  await screenshot(page, "55-company-refusal-ru-390");
  await dialog.getByRole("button", { name: "Отмена" }).click();

  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Новый пользователь" }).click();
  dialog = page.getByRole("dialog", { name: "Новый пользователь" });
  await dialog.getByLabel("Имя").fill("Двойник");
  await dialog.getByRole("textbox", { name: "Эл. почта" }).fill(ADMIN.email);
  await dialog.getByLabel(/^Пароль/).fill("password-123456");
  await dialog.getByRole("button", { name: "Сохранить" }).click();
  const email = dialog.getByRole("textbox", { name: "Эл. почта" });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(`Пользователь с адресом ${ADMIN.email} уже есть.`);
  await expect(email).toBeFocused();
  await dialog.getByRole("button", { name: "Отмена" }).click();

  await page.goto(`/settings/processes/${process.id}`);
  await page.getByRole("button", { name: "Добавить робота" }).first().click();
  dialog = page.getByRole("dialog", { name: "Добавить робота" });
  await dialog.getByTestId("robot-kind").click();
  await page.getByRole("option", { name: "Перевести на стадию" }).click();
  // Its own stage, at once: the server refuses the target stage.
  const target = dialog.getByRole("textbox", { name: "Стадия" }).nth(1);
  await target.click();
  await page.getByRole("option", { name: "Новая" }).click();
  await dialog.getByRole("button", { name: "Сохранить" }).click();
  await expect(target).toHaveAttribute("aria-invalid", "true");
  await expect(target).toHaveAccessibleDescription(
    /Робот не может сразу перевести элемент на стадию, где он срабатывает/,
  );
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
  await screenshot(page, "56-robot-refusal-ru-390");
  session.assertNoConsoleErrors();
  await session.close();

  const english = await adminSession(browser, { locale: "en-US", viewport: DESKTOP });
  english.expectError(/409|Conflict/);
  await english.page.goto("/companies");
  await english.page.getByRole("button", { name: "New company" }).click();
  const en = english.page.getByRole("dialog", { name: "New company" });
  await en.getByLabel("Name").fill(`Twin ${suffix}`);
  await en.getByLabel("INN").fill(inn);
  await en.getByRole("button", { name: "Save" }).click();
  await expect(en.getByRole("textbox", { name: "INN" })).toHaveAccessibleDescription(
    new RegExp(`INN ${inn} already belongs to “${holderName}”\\.`),
  );
  await expect(en.getByTestId("error-alert")).toContainText(`INN ${inn} already belongs`);
  await screenshot(english.page, "57-company-refusal-en-1440");
  await english.close();
});

test("several files in one upload: each gets its own number, a refused one says why and the rest register", async ({
  browser,
}) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: DESKTOP });
  const { page } = session;
  session.expectError(/400|Bad Request/);
  await page.goto("/documents");
  const dialog = await openUploadDialog(page);
  await chooseFiles(dialog, [
    pdfFile("Акт 1.pdf", "Act one"),
    { name: "Пустой.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) },
    pdfFile("Акт 2.pdf", "Act two"),
  ]);
  await expect(dialog.getByTestId("upload-file")).toHaveCount(3);
  await chooseUploadType(dialog, `Ежедневный ${suffix}`);
  await screenshot(page, "58-upload-several-ru-1440");
  await dialog.getByRole("button", { name: "Загрузить 3 документа" }).click();
  const row = (name: string) => dialog.locator(`[data-testid="upload-file"][data-file="${name}"]`);
  await expect(row("Акт 1.pdf").getByTestId("upload-number")).toHaveText(new RegExp(`^Е${suffix}-\\d{3}$`));
  await expect(row("Акт 2.pdf").getByTestId("upload-number")).toHaveText(new RegExp(`^Е${suffix}-\\d{3}$`));
  const first = await row("Акт 1.pdf").getByTestId("upload-number").textContent();
  const second = await row("Акт 2.pdf").getByTestId("upload-number").textContent();
  assert(first !== second, "each file is registered on its own, with its own number");
  await expect(row("Пустой.pdf").getByTestId("upload-file-error")).toHaveText("Файл пустой");
  await expect(dialog.getByRole("button", { name: "Повторить неудавшиеся" })).toBeVisible();
  await screenshot(page, "59-upload-several-result-ru-1440");
  await row("Пустой.pdf").getByRole("button", { name: "Убрать Пустой.pdf" }).click();
  await dialog.getByRole("button", { name: "Закрыть", exact: true }).click();
  await expect(page.locator(`[data-number="${first}"]`)).toBeVisible();
  session.assertNoConsoleErrors();
  await session.close();

  const english = await adminSession(browser, { locale: "en-US", viewport: PHONE });
  await english.page.goto("/documents");
  const en = await openUploadDialog(english.page, "Upload document");
  await chooseFiles(en, [pdfFile("a.pdf", "A"), pdfFile("b.pdf", "B")]);
  await expect(en.getByRole("button", { name: "Upload 2 documents" })).toBeVisible();
  await screenshot(english.page, "60-upload-several-en-390");
  await english.close();
});

test("an upload from a process item starts with the type of the item's documents", async ({ browser }) => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const process = await createProcess(admin, {
    code: `upl_${suffix}`,
    name: `Загрузки ${suffix}`,
    stages: { new: "Новая" },
    success: { won: "Выиграна" },
  });
  const item = await admin.post<{ id: string }>(`/api/processes/${process.id}/items`, { title: `Поставка ${suffix}` });
  await uploadDocument(admin, { itemId: item.id, typeId, file: pdfFile("contract.pdf", "Contract") });

  const session = await adminSession(browser, { locale: "ru-RU", viewport: DESKTOP });
  const { page } = session;
  await page.goto(`/items/${item.id}`);
  const dialog = await openUploadDialog(page);
  await expect(dialog.getByTestId("upload-type")).toHaveValue(`Ежедневный ${suffix}`);
  await chooseFiles(dialog, pdfFile("Приложение.pdf", "Annex"));
  await dialog.getByRole("button", { name: "Загрузить документ" }).click();
  await expect(dialog.getByTestId("upload-number")).toHaveText(new RegExp(`^Е${suffix}-\\d{3}$`));
  await screenshot(page, "61-upload-from-item-ru-1440");
  session.assertNoConsoleErrors();
  await session.close();
});
