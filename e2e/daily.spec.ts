/**
 * Daily use (issue 20): what a person trips over in a working day — signing out, deep links through the sign-in form,
 * unknown addresses and missing records.
 */
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession, newSession } from "./lib/browser.js";
import { addRobot } from "./lib/fixtures.js";
import { expect, test } from "./lib/test.js";
import { chooseFiles, openUploadDialog } from "./lib/upload.js";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);

test("signing out leaves the sign-in form and nothing of the user on screen", async ({ browser }) => {
  const session = await adminSession(browser, { locale: "ru-RU" });
  const { page } = session;
  await page.goto("/companies");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Войти" })).toBeVisible();
  await expect(page.getByTestId("user-menu")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Уведомления/ })).toHaveCount(0);
  await expect(page.getByRole("navigation")).toHaveCount(0);
  // Back in the history shows the sign-in form, not the cached list.
  await page.goBack();
  await expect(page.getByRole("button", { name: "Войти" })).toBeVisible();
  await expect(page.getByTestId("user-menu")).toHaveCount(0);
  session.assertNoConsoleErrors();
  await session.close();
});

test("a refused sign-in says why: a wrong password, or what the sign-in service answered", async ({ browser }) => {
  const session = await newSession(browser, { locale: "ru-RU" });
  const { page } = session;
  session.expectError(/401|Unauthorized/);
  await page.goto("/login");
  await page.getByLabel("Эл. почта").fill(ADMIN.email);
  await page.getByLabel("Пароль").fill("not-the-password");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByRole("alert")).toContainText("Неверная эл. почта или пароль.");
  // The OpenID Connect callback sends its refusal back as ?error=<code>; the form words it.
  await page.goto("/login?error=oidc_state");
  await expect(page.getByRole("alert")).toContainText("Вход не завершён");
  await session.close();
});

test("the working-day calendar heads every month's columns with the days of the week, Monday first", async ({
  browser,
}) => {
  const session = await adminSession(browser, { locale: "ru-RU" });
  const { page } = session;
  await page.goto("/settings/calendar");
  await expect(page.getByText("пн", { exact: true })).toHaveCount(12);
  await expect(page.getByText("вс", { exact: true })).toHaveCount(12);
  // The 1st of January stands under its own day of the week (the page shows this year).
  const year = new Date().getFullYear();
  const weekday = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"][(new Date(Date.UTC(year, 0, 1)).getUTCDay() + 6) % 7]!;
  const head = await page.getByText(weekday, { exact: true }).first().boundingBox();
  const first = await page.locator(`[data-date='${year}-01-01']`).boundingBox();
  expect(Math.abs(first!.x - head!.x)).toBeLessThan(2);
  session.assertNoConsoleErrors();
  await session.close();
});

test("the setup address of an installed Docket leads to the sign-in form", async ({ browser }) => {
  // The page learns only after its first render that setup is done; it must still render, then redirect.
  const session = await newSession(browser, { locale: "ru-RU" });
  const { page } = session;
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Войти" })).toBeVisible();
  session.assertNoConsoleErrors();
  await session.close();
});

test("signing in from a deep link returns to the link, never off this site", async ({ browser }) => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const company = await admin.post<{ id: string }>("/api/companies", { name: `ООО Глубокая ссылка ${suffix}` });
  const session = await newSession(browser, { locale: "ru-RU" });
  const { page } = session;
  await page.goto(`/companies/${company.id}?tab=details`);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Эл. почта").fill(ADMIN.email);
  await page.getByLabel("Пароль").fill(ADMIN.password);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(new RegExp(`/companies/${company.id}\\?tab=details$`));
  await expect(page.getByRole("heading", { name: `ООО Глубокая ссылка ${suffix}` })).toBeVisible();
  await session.close();

  // A protocol-relative path is another site: the sign-in goes to the start page instead.
  const other = await newSession(browser, { locale: "ru-RU" });
  await other.page.goto("/login");
  await other.page.evaluate(() => history.replaceState({ usr: { from: "//example.org/steal" }, key: "x", idx: 0 }, ""));
  await other.page.reload();
  await other.page.getByLabel("Эл. почта").fill(ADMIN.email);
  await other.page.getByLabel("Пароль").fill(ADMIN.password);
  await other.page.getByRole("button", { name: "Войти" }).click();
  await other.page.getByTestId("user-menu").waitFor();
  expect(new URL(other.page.url()).host).toBe(new URL(page.url()).host);
  await other.close();
});

test("an unknown address shows a 404 page with a way back, a missing record says it is not found", async ({
  browser,
}) => {
  for (const [locale, title, back] of [
    ["ru-RU", "Страница не найдена", "На главную"],
    ["en-US", "Page not found", "Go to the start page"],
  ] as const) {
    const session = await adminSession(browser, { locale });
    const { page } = session;
    await page.goto("/no-such-page/at-all");
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page).toHaveURL(/\/no-such-page\/at-all$/);
    await page.getByRole("link", { name: back }).click();
    await expect(page).not.toHaveURL(/no-such-page/);
    await session.close();
  }

  const session = await adminSession(browser, { locale: "ru-RU" });
  const { page } = session;
  session.expectError(/404/);
  for (const [path, title] of [
    ["/documents/00000000-0000-4000-8000-000000000000", "Документ не найден"],
    ["/items/00000000-0000-4000-8000-000000000000", "Карточка не найдена"],
    ["/companies/00000000-0000-4000-8000-000000000000", "Компания не найдена"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByRole("link", { name: "На главную" })).toBeVisible();
  }
  await session.close();
});

test("units agree with their numbers and file sizes are in the user's language", async ({ browser }) => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const process = (await admin.get<{ items: { id: string; stages: { code: string }[] }[] }>("/api/processes"))
    .items[0]!;
  const reminder = { to: ["responsible"], message: `Напоминание ${suffix}` };
  const robot = await addRobot(admin, process.id, process.stages[0]!.code, "notify", reminder, { delay: "PT24H" });
  const session = await adminSession(browser, { locale: "ru-RU" });
  const { page } = session;
  await page.goto(`/settings/processes/${process.id}`);
  const row = page.getByTestId("robot-row").filter({ hasText: "через 24 часа" });
  await row.first().getByRole("button", { name: "Изменить" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("textbox", { name: "Единица" })).toHaveValue("часа");
  await dialog.getByLabel("Через").fill("5");
  await expect(dialog.getByRole("textbox", { name: "Единица" })).toHaveValue("часов");
  await dialog.getByLabel("Через").fill("21");
  await expect(dialog.getByRole("textbox", { name: "Единица" })).toHaveValue("час");
  await page.keyboard.press("Escape");
  await admin.request("DELETE", `/api/robots/${robot.id}`);

  // A 1.5 KiB file in the upload dialog: Russian units and a decimal comma.
  await page.goto("/documents");
  const upload = await openUploadDialog(page);
  await chooseFiles(upload, { name: "заметка.txt", mimeType: "text/plain", buffer: Buffer.alloc(1536, 0x41) });
  await expect(upload.getByText("1,5 КБ")).toBeVisible();
  await session.close();
});
