/**
 * Document templates: an admin uploads a DOCX template in Settings → Templates (a typo in a placeholder is refused,
 * named, in the user's language), then creates a document from it on an item card; it appears among the item's
 * documents with its number.
 */
import { makeDocx } from "../server/src/demo/sample-files.js";
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession, screenshot } from "./lib/browser.js";
import { assert, test } from "./lib/test.js";
import { createDocumentType, createProcess } from "./lib/fixtures.js";

test("upload a template in settings, create a document from it on the item card", async ({ browser }) => {
  const api = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const suffix = Date.now().toString(36);
  const type = await createDocumentType(api, {
    code: `tpl${suffix}`,
    name: `Договор по шаблону ${suffix}`,
    folder: "Договоры/{yyyy}",
    numbering: "Ш-{n:4}",
    statuses: { draft: "Черновик" },
  });
  const process = await createProcess(api, {
    code: `tplp${suffix}`,
    name: `Договоры ${suffix}`,
    stages: { draft: "Черновик" },
    success: { done: "Готово" },
  });
  const company = await api.post<{ id: string }>("/api/companies", { name: `ООО «Шаблон ${suffix}»` });
  const item = await api.post<{ id: string }>(`/api/processes/${process.id}/items`, {
    title: "Поставка бумаги",
    companyId: company.id,
  });

  const session = await adminSession(browser, { viewport: { width: 1440, height: 900 } });
  const { page } = session;
  await page.goto("/settings/templates");
  await page.getByRole("heading", { name: "Шаблоны документов" }).waitFor();

  const uploadTemplate = async (name: string, file: Buffer) => {
    await page.getByRole("button", { name: "Загрузить шаблон" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Название").fill(name);
    await dialog.getByRole("textbox", { name: "Тип документа" }).click();
    await page.getByRole("option", { name: type.name }).click();
    await dialog.locator('input[type="file"]').setInputFiles({
      name: "dogovor.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: file,
    });
    await dialog.getByRole("button", { name: "Загрузить", exact: true }).click();
    return dialog;
  };

  // A typo is refused, named, in Russian; nothing is added.
  session.expectError(/422/);
  const refused = await uploadTemplate("С опечаткой", makeDocx(["Договор № {{number}} с {{compnay.name}}"]));
  await refused.getByRole("alert").getByText("В шаблоне есть неизвестные поля: {{compnay.name}}").waitFor();
  await screenshot(page, "templates-unknown-placeholder-ru");
  await refused.getByRole("button", { name: "Отмена" }).click();

  const dialog = await uploadTemplate(
    "Договор поставки",
    makeDocx(["Договор № {{number}} от {{date}}", "Покупатель: {{company.name}}", "Предмет: {{item.title}}"]),
  );
  await dialog.waitFor({ state: "detached" });
  const row = page.getByTestId("template-row").filter({ hasText: "Договор поставки" });
  await row.getByText("{{company.name}}").waitFor();
  await screenshot(page, "templates-settings-ru");

  await page.goto(`/items/${item.id}`);
  await page.getByRole("button", { name: "Создать по шаблону" }).click();
  const generate = page.getByRole("dialog");
  await generate.getByRole("textbox", { name: "Шаблон" }).click();
  await page.getByRole("option", { name: /Договор поставки/ }).click();
  await generate.getByLabel("Название документа").fill("Договор на бумагу");
  await screenshot(page, "templates-generate-ru");
  await generate.getByRole("button", { name: "Создать документ" }).click();
  await generate.waitFor({ state: "detached" });

  const documents = await api.get<{ items: { number: string; title: string }[] }>(`/api/documents?itemId=${item.id}`);
  const created = documents.items.find((d) => d.title === "Договор на бумагу");
  assert(created !== undefined, "the generated document is linked to the item");
  assert(/^Ш-\d{4}$/.test(created.number), `numbered by the type: ${created.number}`);
  await page.getByText(created.number).first().waitFor();
  await screenshot(page, "templates-item-ru");

  session.assertNoConsoleErrors();
  await session.close();

  // The same screens in English, on a desktop and on a phone.
  for (const [width, height, label] of [
    [1440, 900, "desktop"],
    [390, 844, "phone"],
  ] as const) {
    const en = await adminSession(browser, { locale: "en-US", viewport: { width, height } });
    await en.page.goto("/settings/templates");
    await en.page.getByRole("heading", { name: "Document templates" }).waitFor();
    await screenshot(en.page, `templates-settings-en-${label}`);
    await en.page.goto(`/items/${item.id}`);
    await en.page.getByRole("button", { name: "Create from template" }).waitFor();
    await en.page.getByText(created.number).first().waitFor();
    await screenshot(en.page, `templates-item-en-${label}`);
    en.assertNoConsoleErrors();
    await en.close();
  }
});
