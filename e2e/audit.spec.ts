/**
 * The audit viewer (issue 19): an administrator finds what one person did — by who, by action, by period and by
 * object — pages through the log, and downloads the filtered list as a CSV a Russian Excel opens as is.
 */
import fs from "node:fs";
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession, screenshot, sessionAs } from "./lib/browser.js";
import { createUser } from "./lib/fixtures.js";
import { expect, test } from "./lib/test.js";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);
const CLERK = { email: `clerk-${suffix}@example.com`, password: "clerk-password-1", name: `Аудит Клерков ${suffix}` };
const COMPANIES = [`ООО Аудит-1 ${suffix}`, `ООО Аудит-2 ${suffix}`, `ООО "Аудит; 3" ${suffix}`];

test("a clerk's actions are found, filtered and exported by an administrator", async ({ browser }) => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  await createUser(admin, CLERK);
  const clerk = await ApiClient.signIn(CLERK.email, CLERK.password);
  const companyIds: string[] = [];
  for (const name of COMPANIES) companyIds.push((await clerk.post("/api/companies", { name })).id);
  await clerk.patch(`/api/companies/${companyIds[0]}`, { phone: "+7 495 111-22-33" });

  const session = await adminSession(browser, { locale: "ru-RU" });
  const { page } = session;
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { name: "Журнал аудита" })).toBeVisible();
  await page.getByTestId("audit-row").first().waitFor();

  // Who: the clerk signed in once and touched three companies (three created, one changed).
  await page.getByRole("textbox", { name: "Кто" }).fill("Аудит Клерков");
  await page.getByRole("option", { name: CLERK.name }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(5);
  await expect(page.getByText("Показано записей: 5")).toBeVisible();

  // What: only the companies created.
  await page.getByRole("textbox", { name: "Действие" }).fill("Создана");
  await page.getByRole("option", { name: "Создана", exact: true }).click();
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) await expect(row).toContainText("Компании · Создана");
  await screenshot(page, "50-audit-filtered");

  // An object: the first company's whole story by its id, with a link to its card.
  await page.getByRole("button", { name: "Сбросить фильтры" }).click();
  await page.getByLabel("ID объекта").fill(companyIds[0]!);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Компании · Изменена");
  await expect(rows.first().getByRole("link", { name: companyIds[0]! })).toBeVisible();

  // When: nothing was recorded tomorrow.
  await page.getByRole("button", { name: "Сбросить фильтры" }).click();
  await page.getByRole("textbox", { name: "Кто" }).fill("Аудит Клерков");
  await page.getByRole("option", { name: CLERK.name }).click();
  await expect(rows).toHaveCount(5);
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, "0")}-${String(tomorrow.getDate()).padStart(2, "0")}`;
  await page.getByLabel("С даты").fill(day);
  await expect(page.getByText("Записей нет")).toBeVisible();
  await page.getByLabel("С даты").fill("");
  await expect(rows).toHaveCount(5);

  // The download is the filtered list: UTF-8 with BOM, `;`, the same five records.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^Время \(.+\);Кто;ID пользователя;Действие;Тип объекта;ID объекта;Подробности$/);
  expect(lines).toHaveLength(6);
  expect(lines.slice(1).every((line) => line.split(";")[1] === CLERK.name)).toBe(true);
  expect(lines.filter((line) => line.includes(";company.created;"))).toHaveLength(3);
  // The details are JSON; the CSV field around them is quoted and its quotes doubled.
  expect(lines.some((line) => line.includes('\\""Аудит; 3\\""'))).toBe(true);
  session.assertNoConsoleErrors();
  await session.close();
});

test("the audit screen is for administrators only", async ({ browser }) => {
  const session = await sessionAs(browser, CLERK, { locale: "en-US" });
  const { page } = session;
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toHaveCount(0);
  await expect(page).not.toHaveURL(/settings\/audit/);
  await session.close();
});
