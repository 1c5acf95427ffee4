/**
 * Comments with @mentions (issue 20): Алла writes a comment on an item mentioning Борис, picked from the autocomplete
 * with the keyboard; Борис's bell groups it under the item («Закупки «Закупка бумаги» · ООО Ромашка»), a click opens
 * the item with the comment; the notifications page's «Непрочитанные / Все» filter.
 */
import { ApiClient } from "./lib/api.js";
import { ADMIN, screenshot, sessionAs } from "./lib/browser.js";
import { createProcess, createUser } from "./lib/fixtures.js";
import { test } from "./lib/test.js";

test.describe.configure({ mode: "serial" });

const ALLA = { email: "alla.comments@example.com", password: "alla-password-1", name: "Алла Комментатор" };
const BORIS = { email: "boris.comments@example.com", password: "boris-password-1", name: "Борис Упомянутый" };
const ITEM = "Закупка бумаги для офиса";
let itemId = "";

test("admin sets up a process, a company and two colleagues; Алла starts an item", async () => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  await createUser(admin, ALLA);
  await createUser(admin, BORIS);
  const company = await admin.post("/api/companies", { name: "ООО Бумажник" });
  const process = await createProcess(admin, {
    code: "purchases_comments",
    name: "Закупки",
    stages: { draft: "Черновик" },
    success: { done: "Закуплено" },
  });
  const alla = await ApiClient.signIn(ALLA.email, ALLA.password);
  itemId = (await alla.post(`/api/processes/${process.id}/items`, { title: ITEM, companyId: company.id })).id;
});

test("Алла mentions Борис in a comment, picking him from the autocomplete by keyboard", async ({ browser }) => {
  const session = await sessionAs(browser, ALLA, { locale: "ru-RU" });
  const { page, context } = session;
  await page.goto(`/items/${itemId}`);
  const box = page.getByTestId("comment-text");
  await box.click();
  await box.pressSequentially("Проверьте счёт, @Бор");
  const boris = page.getByRole("option", { name: BORIS.name });
  await boris.waitFor();
  // Other specs' users may be called Борис too: walk down the list to him, as a person would.
  for (let step = 0; step < 8 && (await boris.getAttribute("aria-selected")) !== "true"; step++) {
    await box.press("ArrowDown");
  }
  await box.press("Enter");
  await box.pressSequentially("пожалуйста");
  await page.getByTestId("comment-send").click();
  const comment = page.getByTestId("comment").filter({ hasText: "Проверьте счёт" });
  await comment
    .getByTestId("mention")
    .filter({ hasText: `@${BORIS.name}` })
    .waitFor();
  // The comment is in the history timeline too.
  await page.getByText("Комментарий", { exact: true }).first().waitFor();
  await screenshot(page, "60-item-comment-with-mention");
  session.assertNoConsoleErrors();
  await context.close();
});

test("Борис's bell groups it under the item; a click opens the item; the unread/all filter", async ({ browser }) => {
  const session = await sessionAs(browser, BORIS, { locale: "ru-RU" });
  const { page, context } = session;
  await page.getByTestId("unread-count").getByText("1", { exact: true }).waitFor();
  await page.getByTestId("notifications-bell").click();
  const group = page.getByTestId("notification-group").filter({ hasText: ITEM });
  await group
    .getByTestId("notification-subject")
    .filter({ hasText: `Закупки «${ITEM}» · ООО Бумажник` })
    .waitFor();
  await screenshot(page, "61-bell-grouped-by-item");
  await group.getByTestId("notification").filter({ hasText: "упомянул(а) вас" }).click();
  await page.waitForURL(`**/items/${itemId}`);
  await page.getByTestId("comment").filter({ hasText: "Проверьте счёт" }).waitFor();

  await page.goto("/notifications");
  const filter = page.getByTestId("notifications-filter");
  await filter.getByText("Непрочитанные").click();
  await page.getByText("Уведомлений нет").waitFor();
  await filter.getByText("Все", { exact: true }).click();
  await page.getByTestId("notification").filter({ hasText: ITEM }).first().waitFor();
  await screenshot(page, "62-notifications-all");
  session.assertNoConsoleErrors();
  await context.close();
});
