/**
 * The registry (issues 16 and 20): sorting, bulk status change with a refusal that says why, search snippets,
 * archive, cancelling a number and reserving numbers; one check in English.
 */
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession, screenshot } from "./lib/browser.js";
import { expect, test } from "./lib/test.js";
import { createDocumentType, uploadDocument } from "./lib/fixtures.js";
import { textFile } from "./lib/upload.js";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);
const prefix = `Р${suffix}`;
let typeId = "";
const numbers: string[] = [];

test.beforeAll(async () => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const type = await createDocumentType(admin, {
    code: `reg_${suffix}`,
    name: `Реестровый ${suffix}`,
    folder: "Реестр",
    numbering: `${prefix}-{n:3}`,
    statuses: { draft: "Черновик" },
    final: { signed: "Подписан" },
  });
  typeId = type.id;
  const texts = [
    "Первый договор о поставке",
    "Второй договор аренды",
    `Третий договор: поставщик передаёт станки ${suffix}`,
    "Четвёртый договор",
  ];
  for (const [i, text] of texts.entries()) {
    const file = textFile(`doc${i + 1}.txt`, text);
    numbers.push((await uploadDocument(admin, { typeId, title: `Документ ${i + 1}`, file })).number);
  }
  const second = (
    await admin.get<{ items: { id: string; number: string }[] }>(`/api/documents?typeId=${typeId}`)
  ).items.find((d) => d.number === numbers[1])!;
  await admin.post(`/api/documents/${second.id}/cancel`, { reason: "ошибка регистрации" });
  // The file text is indexed by a background job: wait until the search finds it.
  await expect
    .poll(
      async () =>
        (await admin.get<{ items: unknown[] }>(`/api/documents?q=${encodeURIComponent(`станков ${suffix}`)}`)).items
          .length,
      {
        timeout: 60_000,
      },
    )
    .toBe(1);
});

test("sort by number both ways, bulk status change with a refusal, search snippet", async ({ browser }) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: { width: 1440, height: 900 } });
  const { page } = session;
  await page.goto(`/documents?typeId=${typeId}`);
  const rows = page.getByTestId("document-row");
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId("registry-total")).toHaveText("Найдено: 4");

  await page.getByTestId("sort-number").click();
  await expect(page.locator("th[aria-sort=ascending]")).toContainText("Номер");
  await expect(rows.first()).toHaveAttribute("data-number", numbers[0]!);
  await page.getByTestId("sort-number").click();
  await expect(page.locator("th[aria-sort=descending]")).toContainText("Номер");
  await expect(rows.first()).toHaveAttribute("data-number", numbers[3]!);
  expect(page.url()).toContain("sort=-number");

  for (const number of numbers.slice(0, 3)) await page.getByRole("checkbox", { name: `Выбрать ${number}` }).check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("Выбрано: 3");
  await bar.getByTestId("bulk-status").click();
  await page.getByRole("option", { name: "Подписан" }).click();
  await bar.getByRole("button", { name: /Применить к выбранным/ }).click();
  const result = page.getByTestId("bulk-result");
  await expect(result).toContainText("Изменено: 2, отклонено: 1");
  await expect(result).toContainText(`${numbers[1]} — Документ аннулирован`);
  await expect(page.locator(`[data-number="${numbers[0]}"]`)).toContainText("Подписан");
  await expect(page.locator(`[data-number="${numbers[1]}"]`)).toContainText("Черновик");

  await page.getByLabel("Поиск").fill(`станков ${suffix}`);
  await expect(page).toHaveURL(/q=/);
  await expect(rows).toHaveCount(1);
  const snippet = page.getByTestId("match-snippet");
  await expect(snippet.locator("mark").first()).toHaveText("станки");
  await screenshot(page, "40-registry-snippets");
  await page.getByLabel("Поиск").fill(`нетакогослова${suffix}`);
  await expect(page.getByTestId("nothing-found")).toContainText("Ничего не найдено");
  await page.getByRole("button", { name: "Сбросить фильтры" }).click();
  await expect(page.getByTestId("nothing-found")).toHaveCount(0);
  session.assertNoConsoleErrors();
  await session.close();
});

test("archive a document and find it under «Архив»; cancel a number with a reason; reserve two numbers", async ({
  browser,
}) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: { width: 1440, height: 900 } });
  const { page } = session;
  await page.goto(`/documents?typeId=${typeId}`);
  await page.getByRole("link", { name: numbers[3]!, exact: true }).click();
  await page.getByRole("button", { name: "В архив" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Причина (необязательно)").fill("дубликат");
  await dialog.getByRole("button", { name: "В архив" }).click();
  await expect(page.getByTestId("state-notice")).toContainText("В архиве");
  await page.goto(`/documents?typeId=${typeId}`);
  await expect(page.locator(`[data-number="${numbers[3]}"]`)).toHaveCount(0);
  await page.getByTestId("state-filter").click();
  await page.getByRole("option", { name: "Архив" }).click();
  await expect(page.locator(`[data-number="${numbers[3]}"]`)).toBeVisible();
  await expect(page.getByTestId("document-row")).toHaveCount(1);

  await page.goto(`/documents?typeId=${typeId}`);
  await page.getByRole("link", { name: numbers[2]!, exact: true }).click();
  await page.getByRole("button", { name: "Отменить номер" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByRole("button", { name: "Отменить номер" })).toBeDisabled();
  await confirm.getByLabel("Причина").fill("договор не заключён");
  await confirm.getByRole("button", { name: "Отменить номер" }).click();
  const notice = page.getByTestId("state-notice");
  await expect(notice).toContainText("Аннулирован");
  await expect(notice).toContainText("Причина: договор не заключён");

  await page.goto("/documents");
  await page.getByTestId("reserve-numbers").click();
  const reserve = page.getByRole("dialog");
  await reserve.getByRole("textbox", { name: "Тип" }).click();
  await page.getByRole("option", { name: `Реестровый ${suffix}` }).click();
  await reserve.getByLabel("Сколько номеров (1–50)").fill("2");
  await reserve.getByRole("button", { name: "Зарезервировать" }).click();
  const reserved = reserve.getByTestId("reserved");
  await expect(reserved).toContainText("Зарезервировано номеров: 2");
  await expect(reserved.getByRole("link")).toHaveText([`${prefix}-005`, `${prefix}-006`]);
  await session.close();
});

test("in English the registry counts and words bulk results in English", async ({ browser }) => {
  const session = await adminSession(browser, { locale: "en-US", viewport: { width: 1440, height: 900 } });
  const { page } = session;
  await page.goto(`/documents?typeId=${typeId}&state=reserved`);
  await expect(page.getByTestId("registry-total")).toHaveText("Found: 2");
  await expect(page.getByTestId("state-badge").first()).toHaveText("Reserved");
  await session.close();
});
