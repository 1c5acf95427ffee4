/**
 * Registry export and the registration journal (issue 16): from the registry filtered by a type, the Excel button
 * downloads exactly that type's documents, and the journal dialog downloads the type's journal as a PDF.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import ExcelJS from "exceljs";
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession, screenshot } from "./lib/browser.js";
import { expect, test } from "./lib/test.js";
import { createDocumentType, uploadDocument } from "./lib/fixtures.js";
import { textFile } from "./lib/upload.js";

const suffix = Date.now().toString(36);

test("the registry filtered by a type is exported to Excel, and its journal downloaded as a PDF", async ({
  browser,
}) => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const type = await createDocumentType(admin, {
    code: `exp${suffix}`,
    name: `Выгружаемый договор ${suffix}`,
    folder: `Выгрузка ${suffix}`,
    numbering: `В${suffix}-{n}`,
    statuses: { draft: "Черновик" },
  });
  const titles = ["Поставка «бумаги»", "Аренда склада"];
  const numbers: string[] = [];
  for (const title of titles) {
    const file = textFile("договор.txt", "Текст договора");
    numbers.push((await uploadDocument(admin, { typeId: type.id, title, file })).number);
  }
  const reserved = await admin.post(`/api/document-types/${type.id}/reservations`, { count: 1, title: "Резерв" });
  await admin.post(`/api/documents/${reserved.items[0].id}/cancel`, { reason: "Ошибка нумерации" });
  numbers.push(reserved.items[0].number);

  const session = await adminSession(browser, { locale: "ru-RU" });
  const { page } = session;
  await page.goto(`/documents?typeId=${type.id}`);
  await expect(page.getByText(titles[0]!).first()).toBeVisible();
  await screenshot(page, "60-registry-export");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^Реестр документов — ${type.name} \\d{4}-\\d{2}-\\d{2}\\.xlsx$`),
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  expect(rows[0]!.slice(0, 4)).toEqual(["Номер", "Дата регистрации", "Тип", "Заголовок"]);
  expect(rows.slice(1).map((r) => r[0])).toEqual([...numbers].reverse());
  expect(rows.slice(1).map((r) => r[3])).toEqual(["Резерв", ...[...titles].reverse()]);
  expect(rows[1]![7]).toBe("Аннулирован");

  await page.getByRole("button", { name: "Журнал регистрации" }).click();
  const dialog = page.getByRole("dialog", { name: `Журнал регистрации: ${type.name}` });
  await expect(dialog).toBeVisible();
  // A period the wrong way round is explained, and nothing can be downloaded.
  const to = await dialog.getByLabel("По").inputValue();
  await dialog.getByLabel("С").fill("2099-01-01");
  await expect(dialog.getByRole("alert")).toContainText("дата «С» не может быть позже даты «По»");
  await dialog.getByLabel("С").fill(`${to.slice(0, 8)}01`);
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await screenshot(page, "61-journal-dialog");
  const [journal] = await Promise.all([page.waitForEvent("download"), dialog.getByTestId("journal-pdf").click()]);
  expect(journal.suggestedFilename()).toMatch(/^Журнал регистрации .+\.pdf$/);
  const text = execFileSync("pdftotext", ["-layout", await journal.path(), "-"]).toString("utf8");
  for (const n of numbers) expect(text).toContain(n);
  expect(text).toContain("Ошибка нумерации");
  expect(fs.statSync(await journal.path()).size).toBeGreaterThan(1000);
  session.assertNoConsoleErrors();
  await session.close();
});

test("the export buttons and the journal read in English", async ({ browser }) => {
  const session = await adminSession(browser, { locale: "en-US", viewport: { width: 390, height: 844 } });
  const { page } = session;
  await page.goto("/documents");
  // On a phone the downloads sit in the «More» menu beside the upload button.
  await page.getByRole("button", { name: "More", exact: true }).click();
  await expect(page.getByTestId("export-csv")).toBeVisible();
  await expect(page.getByTestId("export-xlsx")).toHaveText("Download Excel");
  await screenshot(page, "62-registry-export-en-mobile");
  session.assertNoConsoleErrors();
  await session.close();
});
