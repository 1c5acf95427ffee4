/**
 * The mission walk of issue 5: sign in → upload a contract on a company card → it shows its number and coloured
 * status → drag its item across the kanban → the new responsible sees the notification arrive live → approve
 * (on a phone-sized screen) → final stage → "Подписан" shows on the company card.
 */
import { ApiClient } from "./lib/api.js";
import { ADMIN, newSession, screenshot, sessionAs, signIn, type Session } from "./lib/browser.js";
import { addRobot, createDocumentType, createProcess, createUser, INVALID_INN, VALID_INN } from "./lib/fixtures.js";
import { card, column, dragCardTo } from "./lib/kanban.js";
import { chooseFiles, chooseUploadType, openUploadDialog, pdfFile } from "./lib/upload.js";
import { assert, test } from "./lib/test.js";

test.describe.configure({ mode: "serial" });

const IVAN = { email: "ivan@example.com", password: "ivan-password-1", name: "Иван Петров" };
const OLGA = { email: "olga@example.com", password: "olga-password-1", name: "Ольга Юристова" };
const COMPANY = "ООО Ромашка";
const ITEM = "Договор поставки с Ромашкой";

let admin: ApiClient;
let processId = "";
let ivan: Session;
let olga: Session;
let documentNumber = "";

test("admin prepares users, the contract type and the approval process", async () => {
  admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  await createUser(admin, IVAN);
  const olgaUser = await createUser(admin, OLGA);
  // The server provisions the mission's configuration on first start; use it when present, else create it.
  const types = await admin.get("/api/document-types");
  if (!types.items.some((t: any) => t.code === "contract")) {
    await createDocumentType(admin, {
      code: "contract",
      name: "Договор",
      folder: "Договоры/{yyyy}",
      numbering: "Д-{yyyy}-{n:4}",
      statuses: { draft: "Черновик", review: "На согласовании" },
      final: { signed: "Подписан", rejected: "Отклонён" },
      fields: [{ key: "amount", label: "Сумма", type: "money" }],
    });
  }
  const processes = await admin.get("/api/processes");
  const existing = processes.items.find((p: any) => p.code === "contract_approval");
  const process =
    existing ??
    (await createProcess(admin, {
      code: "contract_approval",
      name: "Согласование договора",
      stages: { new: "Новый", legal: "Проверка юристом" },
      success: { done: "Подписан и отправлен" },
      failure: { rejected: "Отклонён" },
    }));
  processId = process.id;
  // The walk's own robots, so it does not depend on the provisioned ones.
  for (const robot of (await admin.get(`/api/processes/${processId}/robots`)).items) {
    await admin.request("DELETE", `/api/robots/${robot.id}`);
  }
  await addRobot(admin, processId, "legal", "setResponsible", { userId: olgaUser.id });
  const message = "Договор «{{item.title}}» ждёт вашего согласования";
  await addRobot(admin, processId, "legal", "notify", { to: ["responsible"], message });
  const approval = { approvers: ["responsible"], mode: "any", onApprove: "done", onReject: "rejected" };
  await addRobot(admin, processId, "legal", "requestApproval", approval);
  await addRobot(admin, processId, "legal", "setDocumentStatus", { status: "review" });
  await addRobot(admin, processId, "done", "setDocumentStatus", { status: "signed" });
});

test("Ivan signs in; a Russian browser gets the Russian interface", async ({ browser }) => {
  ivan = await newSession(browser, { locale: "ru-RU", viewport: { width: 1800, height: 950 } });
  await ivan.page.goto("/");
  await ivan.page.getByRole("button", { name: "Войти" }).waitFor();
  await screenshot(ivan.page, "01-sign-in");
  await signIn(ivan.page, IVAN.email, IVAN.password);
  await ivan.page.getByRole("heading", { name: "Документы" }).waitFor();
  await screenshot(ivan.page, "02-documents-empty");
});

test("Ivan creates the company; a wrong INN is caught before saving", async () => {
  const { page } = ivan;
  await page.getByRole("link", { name: "Компании" }).click();
  await page.getByRole("button", { name: "Новая компания" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Название").fill(COMPANY);
  await dialog.getByLabel("ИНН").fill(INVALID_INN);
  await dialog.getByText("Контрольная сумма ИНН не сходится").waitFor();
  await screenshot(page, "03-company-inn-check");
  await dialog.getByLabel("ИНН").fill(VALID_INN);
  await dialog.getByLabel("Телефон").fill("+7 495 123-45-67");
  await dialog.getByRole("button", { name: "Сохранить" }).click();
  await page.getByRole("heading", { name: COMPANY }).waitFor();
  await page.getByText(VALID_INN).waitFor();
  await screenshot(page, "04-company-card");
});

test("Ivan starts the approval item on the kanban", async () => {
  const { page } = ivan;
  await page.getByRole("link", { name: "Процессы" }).first().click();
  await page.getByTestId("process-card").filter({ hasText: "Согласование договора" }).click();
  await column(page, "new").waitFor();
  await page.getByRole("button", { name: "Новый элемент" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Заголовок").fill(ITEM);
  await dialog.getByLabel("Компания").fill("Ромашка");
  await page.getByRole("option", { name: new RegExp(COMPANY) }).click();
  await dialog.getByRole("button", { name: "Создать" }).click();
  await page.getByRole("heading", { name: ITEM }).waitFor();
  await screenshot(page, "05-item-card-new");
});

test("Ivan uploads the contract on the company card: it gets its number and coloured status", async () => {
  const { page } = ivan;
  await page.getByRole("link", { name: "Компании" }).click();
  await page.getByRole("row").filter({ hasText: COMPANY }).click();
  await page.getByRole("tab", { name: "Документы", exact: true }).click();
  const dialog = await openUploadDialog(page);
  await chooseFiles(dialog, pdfFile("Договор поставки.pdf", "Supply contract"));
  await dialog.getByText("Договор поставки.pdf").waitFor();
  await chooseUploadType(dialog, "Договор");
  await dialog.getByTestId("upload-item").click();
  await page.getByRole("option", { name: new RegExp(ITEM) }).click();
  await dialog.getByLabel("Сумма").fill("1500000");
  await screenshot(page, "06-upload-dialog");
  await dialog.getByRole("button", { name: "Загрузить документ" }).click();
  const number = dialog.getByTestId("upload-number");
  await number.waitFor();
  documentNumber = (await number.textContent()) ?? "";
  assert(/^Д-\d{4}-0001$/.test(documentNumber), `number ${documentNumber} should follow Д-{yyyy}-{n:4}`);
  await dialog.getByText("Черновик").waitFor();
  await dialog.getByText(/\/Договоры\/\d{4}/).waitFor();
  await screenshot(page, "07-upload-result");
  await dialog.getByRole("button", { name: "Закрыть", exact: true }).click();
  const row = page.getByTestId("document-row").filter({ hasText: documentNumber });
  await row.getByTestId("status-badge").filter({ hasText: "Черновик" }).waitFor();
  await screenshot(page, "08-company-documents-draft");
});

test("Olga, the future responsible, is signed in with no unread notifications", async ({ browser }) => {
  olga = await sessionAs(browser, OLGA, { locale: "ru-RU" });
  await olga.page.getByRole("button", { name: "Уведомления, непрочитанных: 0" }).waitFor();
});

test("Ivan drags the item to «Проверка юристом»; Olga's bell counts it live", async () => {
  const { page } = ivan;
  await page.goto(`/processes/${processId}`);
  await card(page, ITEM).waitFor();
  await screenshot(page, "09-kanban-before");
  await dragCardTo(page, ITEM, "legal");
  await column(page, "legal").getByTestId("kanban-card").filter({ hasText: ITEM }).waitFor();
  // No reload on Olga's side: the count arrives over Server-Sent Events.
  await olga.page.getByRole("button", { name: /Уведомления, непрочитанных: [1-9]/ }).waitFor({ timeout: 15_000 });
  await olga.page
    .getByText(/ждёт вашего согласования/)
    .first()
    .waitFor();
  await screenshot(olga.page, "10-notification-arrived");
  await page.waitForTimeout(1500);
  await page.reload();
  await column(page, "legal").getByText(OLGA.name).waitFor();
  await screenshot(page, "11-kanban-after-move");
});

test("Olga opens the notification and approves on a phone-sized screen", async () => {
  const { page } = olga;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId("notifications-bell").click();
  await page.getByTestId("notification").first().click();
  await page.waitForURL(/\/items\//);
  await page.getByRole("heading", { name: ITEM }).waitFor();
  await page.goto("/approvals");
  const approval = page.getByTestId("approval-card").filter({ hasText: ITEM });
  await approval.waitFor();
  await screenshot(page, "12-approvals-phone");
  const approve = approval.getByRole("button", { name: "Согласовать" });
  const box = await approve.boundingBox();
  assert(box && box.x >= 0 && box.x + box.width <= 390, "the approve button fits a phone screen");
  await approve.click();
  await approval.waitFor({ state: "detached" });
  await page.getByText("Нет ничего на согласовании.").waitFor();
});

test("the item reaches the final stage and «Подписан» shows on the company card", async () => {
  const { page } = ivan;
  await page.goto("/companies");
  await page.getByRole("row").filter({ hasText: COMPANY }).click();
  await page.getByRole("tab", { name: "Документы", exact: true }).click();
  const badge = page.getByTestId("document-row").filter({ hasText: documentNumber }).getByTestId("status-badge");
  for (let attempt = 0; attempt < 20; attempt++) {
    if ((await badge.textContent()) === "Подписан") break;
    await page.waitForTimeout(500);
    await page.reload();
    await page.getByRole("tab", { name: "Документы", exact: true }).click();
    await badge.waitFor();
  }
  assert((await badge.textContent()) === "Подписан", `status should be Подписан, is ${await badge.textContent()}`);
  const background = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert(background === "rgb(47, 158, 68)", `the badge is the status colour #2f9e44, got ${background}`);
  await screenshot(page, "13-company-documents-signed");
  await page.getByRole("tab", { name: "Процессы" }).click();
  await page.getByRole("row").filter({ hasText: ITEM }).getByTestId("status-badge").waitFor();
});

test("a refused move shows why and the card goes back", async () => {
  const { page } = ivan;
  ivan.expectError(/409|Conflict/);
  await page.goto(`/processes/${processId}`);
  await column(page, "done").getByText(ITEM).waitFor();
  await dragCardTo(page, ITEM, "legal");
  await page.getByText(/нельзя перенести/).waitFor();
  await column(page, "done").getByText(ITEM).waitFor();
  assert((await column(page, "legal").getByText(ITEM).count()) === 0, "the card went back to the closed stage");
  await screenshot(page, "14-kanban-refused-move");
});

test("the document card shows fields, versions and the history of the walk", async () => {
  const { page } = ivan;
  await page.goto("/documents");
  await page.getByTestId("document-row").filter({ hasText: documentNumber }).click();
  await page.getByTestId("document-number").filter({ hasText: documentNumber }).waitFor();
  await page.getByText("Версия 1").waitFor();
  await page.getByText("Автоматизация").first().waitFor();
  await page.getByTestId("pdf-preview").locator("canvas").first().waitFor();
  await screenshot(page, "15-document-card");
});

test("no console errors on either side", async () => {
  ivan.assertNoConsoleErrors();
  olga.assertNoConsoleErrors();
  await ivan.close();
  await olga.close();
});
