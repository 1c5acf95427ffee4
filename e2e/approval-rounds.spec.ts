/**
 * Approval rounds (issue 14) in the browser: two approvers asked at once, re-approval of those who had not approved.
 * Anna approves with remarks from «Мои согласования» on a phone, Boris rejects with a comment, the initiator uploads a
 * new version of the contract and sends it back, round 2 carries Anna over and asks only Boris, who approves. The item
 * card shows both rounds with versions 1 and 2; its approval sheet is downloaded and read with pdftotext. Then an admin,
 * in English, looks at the process's version history and is told in words why an item cannot move to an old version.
 */
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { ApiClient } from "./lib/api.js";
import { blockingViolations } from "./lib/axe.js";
import { ADMIN, adminSession, screenshot, sessionAs, type Session } from "./lib/browser.js";
import { addRobot, createDocumentType, createProcess, createUser, uploadDocument } from "./lib/fixtures.js";
import { assert, expect, test } from "./lib/test.js";
import { pdfFile } from "./lib/upload.js";

test.describe.configure({ mode: "serial" });

const ANNA = { email: "anna.rounds@example.com", password: "anna-password-1", name: "Анна Юристова" };
const BORIS = { email: "boris.rounds@example.com", password: "boris-password-1", name: "Борис Финансов" };
const INITIATOR = { email: "ivan.rounds@example.com", password: "ivan-password-1", name: "Иван Инициаторов" };
const ITEM = "Поставка бумаги на 2027 год";
const COMPANY = "ООО «Бумажный двор»";
const REMARK = "Уточнить срок поставки в п. 3.2";
const REJECTION = "Цена выше согласованной на 10 %";

let admin: ApiClient;
let initiator: ApiClient;
let processId = "";
let itemId = "";
let documentId = "";
let documentNumber = "";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

async function noViolations(page: Page, label: string, include?: string): Promise<void> {
  const violations = await blockingViolations(page, label, include);
  assert(violations.length === 0, violations.join("\n"));
}

async function stageOf(id: string): Promise<string> {
  return (await initiator.get<{ stage: { code: string } }>(`/api/items/${id}`)).stage.code;
}

async function waitForStage(id: string, code: string): Promise<void> {
  await expect.poll(() => stageOf(id), { timeout: 15_000 }).toBe(code);
}

test("admin sets up two approvers and a process that re-asks only those who had not approved", async () => {
  admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const anna = await createUser(admin, ANNA);
  const boris = await createUser(admin, BORIS);
  await createUser(admin, INITIATOR);
  const type = await createDocumentType(admin, {
    code: "rounds_contract",
    name: "Договор поставки",
    folder: "Договоры поставки/{yyyy}",
    numbering: "ДП-{yyyy}-{n:3}",
    statuses: { draft: "Черновик" },
    final: { signed: "Подписан" },
    fields: [{ key: "amount", label: "Сумма", type: "money" }],
  });
  const company = await admin.post("/api/companies", { name: COMPANY });
  const process = await createProcess(admin, {
    code: "supply_rounds",
    name: "Согласование поставки",
    stages: { draft: "Подготовка", review: "На согласовании", rework: "Доработка" },
    success: { signed: "Согласован" },
    failure: { dropped: "Отменён" },
  });
  processId = process.id;
  await addRobot(admin, processId, "review", "requestApproval", {
    approvers: [anna.id, boris.id],
    mode: "all",
    reapprove: "notApproved",
    deadline: "P2D",
    onApprove: "signed",
    onReject: "rework",
  });

  initiator = await ApiClient.signIn(INITIATOR.email, INITIATOR.password);
  const item = await initiator.post(`/api/processes/${processId}/items`, { title: ITEM, companyId: company.id });
  itemId = item.id;
  const doc = await uploadDocument(initiator, {
    itemId,
    typeId: type.id,
    title: "Договор поставки бумаги",
    fields: { amount: 1250000 },
    file: pdfFile("supply-v1.pdf", "Supply contract v1"),
  });
  documentId = doc.id;
  documentNumber = doc.number;
  await initiator.post(`/api/items/${itemId}/stage`, { stage: "review" });
});

test("Anna, on a phone, approves with remarks from «Мои согласования»; a remark is required", async ({ browser }) => {
  const session = await sessionAs(browser, ANNA, { locale: "ru-RU", viewport: PHONE });
  const { page } = session;
  await page.goto("/approvals");
  const card = page.getByTestId("approval-card").filter({ hasText: ITEM });
  await card.waitFor({ timeout: 15_000 });
  await card.getByTestId("card-company").filter({ hasText: COMPANY }).waitFor();
  await card.getByText(documentNumber).waitFor();
  await card
    .getByTestId("card-amount")
    .filter({ hasText: /Сумма: 1\s250\s000,00/ })
    .waitFor();
  await card.getByTestId("card-file").filter({ hasText: "supply-v1.pdf" }).waitFor();
  await card.getByTestId("card-due").filter({ hasText: "срок" }).waitFor();
  await screenshot(page, "50-rounds-approvals-phone");
  await noViolations(page, "approvals on a phone");

  await card.getByRole("button", { name: "С замечаниями" }).click();
  const dialog = page.getByRole("dialog", { name: "Согласовать с замечаниями" });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Согласовать с замечаниями" }).click();
  const missing = dialog.getByText("Напишите замечания — без них выберите «Согласовать».");
  await missing.waitFor();
  await expect(missing).toBeInViewport();
  await page.waitForTimeout(300); // let the dialog finish fading in
  await screenshot(page, "51-rounds-remarks-required-phone");
  await noViolations(page, "approve-with-remarks dialog", '[role="dialog"]');
  await dialog.getByLabel("Замечания").fill(REMARK);
  await expect(missing).toBeHidden();
  await dialog.getByRole("button", { name: "Согласовать с замечаниями" }).click();
  await card.waitFor({ state: "detached" });

  await page.getByRole("tab", { name: "Решённые" }).click();
  const decided = page.getByTestId("approval-card").filter({ hasText: ITEM });
  await decided.getByText("Согласовано с замечаниями").waitFor();
  await decided.getByText(REMARK).waitFor();
  await expect(page).toHaveURL(/tab=decided/);
  session.assertNoConsoleErrors();
  await session.close();
});

test("Boris, on a desktop, rejects with a comment; the item goes back for rework", async ({ browser }) => {
  const session = await sessionAs(browser, BORIS, { locale: "ru-RU", viewport: DESKTOP });
  const { page } = session;
  await page.goto("/approvals");
  const card = page.getByTestId("approval-card").filter({ hasText: ITEM });
  await card.getByRole("button", { name: "Отклонить" }).click();
  const dialog = page.getByRole("dialog", { name: "Отклонить с комментарием" });
  await dialog.getByRole("button", { name: "Отклонить" }).click();
  await dialog.getByText("Напишите причину отказа.").waitFor();
  await noViolations(page, "reject dialog", '[role="dialog"]');
  await dialog.getByLabel("Комментарий").fill(REJECTION);
  await screenshot(page, "52-rounds-reject-desktop");
  await dialog.getByRole("button", { name: "Отклонить" }).click();
  await card.waitFor({ state: "detached" });
  await waitForStage(itemId, "rework");
  session.assertNoConsoleErrors();
  await session.close();
});

let ivan: Session;

test("the initiator sees round 1 on the card, uploads version 2 and sends it back; Anna is carried over", async ({
  browser,
}) => {
  ivan = await sessionAs(browser, INITIATOR, { locale: "ru-RU", viewport: DESKTOP });
  const { page } = ivan;
  await page.goto(`/items/${itemId}`);
  const round1 = page.locator('[data-testid="approval-round"][data-round="1"]');
  await round1.getByTestId("round-outcome").filter({ hasText: "Отклонено" }).waitFor();
  await round1.getByText(`${documentNumber} · версия 1`).waitFor();
  const annaTask = round1.getByTestId("round-task").filter({ hasText: ANNA.name });
  await annaTask.getByText("Согласовано с замечаниями").waitFor();
  await annaTask.getByText(REMARK).waitFor();
  await round1.getByTestId("round-task").filter({ hasText: BORIS.name }).getByText(REJECTION).waitFor();

  await page.goto(`/documents/${documentId}`);
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Загрузить новую версию" }).click();
  await (await chooser).setFiles(pdfFile("supply-v2.pdf", "Supply contract v2"));
  await expect.poll(async () => (await initiator.get(`/api/documents/${documentId}`)).file?.version).toBe(2);

  await page.goto(`/items/${itemId}`);
  await page.locator('input[aria-label="Переместить в…"]').click();
  await page.getByRole("option", { name: "На согласовании" }).click();
  const round2 = page.locator('[data-testid="approval-round"][data-round="2"]');
  await round2.waitFor({ timeout: 15_000 });
  await round2.getByText(`${documentNumber} · версия 2`).waitFor();
  await round2.getByTestId("round-task").filter({ hasText: ANNA.name }).getByText("Перенесено").waitFor();
  await round2.getByTestId("round-task").filter({ hasText: BORIS.name }).getByText("На согласовании").waitFor();
  // Anna is not asked again.
  const anna = await ApiClient.signIn(ANNA.email, ANNA.password);
  const annasPending = (await anna.get("/api/approvals?state=pending")).items.filter((a: any) => a.itemId === itemId);
  assert(annasPending.length === 0, `Anna is not asked in round 2: ${JSON.stringify(annasPending)}`);
});

test("Boris approves round 2; the card shows both rounds and the sheet downloads with the decisions", async ({
  browser,
}) => {
  const session = await sessionAs(browser, BORIS, { locale: "ru-RU", viewport: PHONE });
  await session.page.goto("/approvals");
  const card = session.page.getByTestId("approval-card").filter({ hasText: ITEM });
  await card.getByText("Раунд 2").waitFor();
  await card.getByText(`${documentNumber} · версия 2`).waitFor();
  await card.getByRole("button", { name: "Согласовать", exact: true }).click();
  await card.waitFor({ state: "detached" });
  session.assertNoConsoleErrors();
  await session.close();
  await waitForStage(itemId, "signed");

  const { page } = ivan;
  await page.reload();
  const round2 = page.locator('[data-testid="approval-round"][data-round="2"]');
  await round2.getByTestId("round-outcome").filter({ hasText: "Согласовано" }).waitFor();
  await page.locator('[data-testid="approval-round"][data-round="1"]').getByText("версия 1").waitFor();
  await page.getByTestId("item-approvals").scrollIntoViewIfNeeded();
  await screenshot(page, "53-rounds-item-timeline");
  await noViolations(page, "approval rounds timeline", '[data-testid="item-approvals"]');

  const download = page.waitForEvent("download");
  await round2.getByRole("link", { name: "Лист согласования, раунд 2" }).click();
  const file = await (await download).path();
  // Reading order (-raw) keeps a table cell's wrapped lines together; spaces are compared collapsed.
  const text = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  for (const expected of [ANNA.name, BORIS.name, REMARK, REJECTION, documentNumber, "Лист согласования"]) {
    assert(text.includes(expected), `the sheet mentions «${expected}»:\n${text}`);
  }
  ivan.assertNoConsoleErrors();
  await ivan.close();
});

test("an admin, in English, reads the version history and is told why the item cannot move to an old version", async ({
  browser,
}) => {
  // Version 3 adds an archive stage; the item is moved there, which the first versions do not have.
  const process = await admin.get(`/api/processes/${processId}`);
  await admin.patch(`/api/processes/${processId}`, {
    stages: [...process.stages, { code: "archive", name: "Archive", color: "#495057", semantics: "success" }],
  });
  await admin.post(`/api/items/${itemId}/process-version`, {
    version: (await admin.get(`/api/processes/${processId}`)).version,
  });
  await admin.post(`/api/items/${itemId}/stage`, { stage: "archive", reopen: true });

  const session = await adminSession(browser, { locale: "en-GB", viewport: DESKTOP });
  const { page } = session;
  await page.goto(`/settings/processes/${processId}`);
  const versions = page.getByTestId("process-versions");
  await versions.getByRole("heading", { name: "Version history" }).waitFor();
  await expect(versions.getByTestId("process-version-row")).toHaveCount(3);
  await versions.getByRole("button", { name: "Version 1" }).click();
  const view = page.getByRole("dialog", { name: "Version 1" });
  await view.getByText("Read-only.", { exact: false }).waitFor();
  await expect(view.getByText("Archive")).toHaveCount(0);
  await view.getByRole("button", { name: "Close", exact: true }).click();

  await page.goto(`/items/${itemId}`);
  await page.getByText("Carried over").waitFor();
  await page.getByRole("button", { name: "Change version", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Move to another process version" });
  await dialog.getByRole("textbox", { name: "Version" }).click();
  await page.getByRole("option", { name: /^Version 1 of/ }).click();
  session.expectError(/409/);
  await dialog.getByRole("button", { name: "Move", exact: true }).click();
  await dialog.getByText("Version 1 has no stage «Archive».", { exact: false }).waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, "54-rounds-version-conflict-en");
  await noViolations(page, "move-version dialog", '[role="dialog"]');
  session.assertNoConsoleErrors();
  await session.close();
});
