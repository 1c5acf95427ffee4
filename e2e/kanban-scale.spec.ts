/**
 * The kanban at scale (issue 20): a 60-card column scrolls on its own, filters and search narrow it and stay in the
 * URL, a card dropped on an empty column's blank area lands; the process's analytics page draws its charts and its
 * CSV downloads hold the same numbers.
 */
import fs from "node:fs";
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession, screenshot, type Session } from "./lib/browser.js";
import { createProcess, createUser } from "./lib/fixtures.js";
import { card, column } from "./lib/kanban.js";
import { assert, test } from "./lib/test.js";

test.describe.configure({ mode: "serial" });

let session: Session;
let api: ApiClient;
let process: any;
let bob: any;

test("a 60-card column: filters by responsible and company and search narrow it, in the URL", async ({ browser }) => {
  api = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const suffix = Date.now().toString(36);
  process = await createProcess(api, {
    code: `scale${suffix}`,
    name: "Закупки на потоке",
    stages: { incoming: "Входящие", check: "Проверка", legal: "Юристы", finance: "Финансы", director: "Директор" },
    success: { done: "Подписан" },
    failure: { cancelled: "Отменён" },
  });
  bob = await createUser(api, {
    email: `bob.${suffix}@example.com`,
    password: "bob-password-1",
    name: "Борис Кузнецов",
  });
  const lutik = await api.post("/api/companies", { name: `ООО Лютик ${suffix}` });
  for (let i = 1; i <= 60; i++)
    await api.post(`/api/processes/${process.id}/items`, {
      title: `Закупка №${i}`,
      fields: { amount: i * 1000 },
      ...(i % 10 === 0 && { responsibleId: bob.id }),
      ...(i % 15 === 0 && { companyId: lutik.id }),
    });

  session = await adminSession(browser, { viewport: { width: 1440, height: 900 } });
  const { page } = session;
  await page.goto(`/processes/${process.id}`);
  const incoming = column(page, "incoming");
  await incoming.getByText("Закупка №60", { exact: true }).waitFor();
  assert((await incoming.getByTestId("kanban-card").count()) === 60, "all 60 cards are in the column");
  // The column scrolls on its own: its body is shorter than its cards, and the header stays in view.
  const body = incoming.getByTestId("kanban-column-body");
  const overflow = await body.evaluate((el) => el.scrollHeight > el.clientHeight + 100);
  assert(overflow, "the 60-card column scrolls inside itself");
  await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await incoming.getByText("Закупка №1", { exact: true }).waitFor();
  assert(await incoming.getByText("Входящие").isVisible(), "the column header stays in view");
  // The card shows the amount, digits grouped.
  await card(page, "Закупка №60").getByText("60 000").waitFor();
  await body.evaluate((el) => el.scrollTo(0, 0));
  await screenshot(page, "40-kanban-scale");
  // At 1440 px the later stages sit behind a visible scroll button.
  await page.getByRole("button", { name: "Показать следующие стадии" }).click();
  await page.waitForTimeout(500);

  await page.getByLabel("Ответственный").first().click();
  await page.getByRole("option", { name: "Борис Кузнецов" }).click();
  await page.waitForURL(new RegExp(`responsible=${bob.id}`));
  await page.getByText("Показано 6 карточек").waitFor();
  assert((await incoming.getByTestId("kanban-card").count()) === 6, "responsible narrows to 6 cards");

  await page.getByRole("searchbox", { name: "Поиск" }).fill("№30");
  await page.waitForURL(/q=%E2%84%9630|q=№30/);
  await page.getByText("Показана 1 карточка").waitFor();
  assert((await incoming.getByTestId("kanban-card").count()) === 1, "search narrows to one card");

  // The URL holds the filters: opening it again shows the same board.
  await page.goto(`/processes/${process.id}?company=${lutik.id}`);
  await page.getByText("Показаны 4 карточки").waitFor();
  assert((await incoming.getByTestId("kanban-card").count()) === 4, "company narrows to 4 cards");
  await page.getByRole("button", { name: "Сбросить фильтры" }).click();
  await incoming.getByText("Закупка №59", { exact: true }).waitFor();
});

test("a card dropped on the blank area of an empty column lands there", async () => {
  const { page } = session;
  const target = column(page, "check");
  const from = await card(page, "Закупка №60").boundingBox();
  const to = await target.boundingBox();
  assert(from && to, "card and column are on screen");
  await page.mouse.move(from.x + from.width / 2, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + 24, { steps: 4 });
  // Far below the header, where the empty column has no card to drop on.
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 40, { steps: 15 });
  await page.mouse.up();
  await target.getByText("Закупка №60", { exact: true }).waitFor();
  const item = (await api.get(`/api/processes/${process.id}/items?q=${encodeURIComponent("№60")}`)).items[0];
  assert(item.stage.code === "check", `moved on the server: ${item.stage.code}`);
});

test("the analytics page draws its charts and its CSV holds the numbers", async () => {
  const { page } = session;
  await page.getByRole("link", { name: "Аналитика" }).click();
  await page.getByRole("heading", { name: "Аналитика: Закупки на потоке" }).waitFor();
  const perStage = page.getByTestId("analytics-stages");
  await perStage.locator(".recharts-bar-rectangle").first().waitFor();
  await page.getByTestId("analytics-throughput").locator(".recharts-surface").waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    perStage.getByRole("button", { name: /CSV/ }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  assert(csv.includes("Входящие;59;0"), `per-stage CSV: ${csv}`);
  assert(csv.includes("Проверка;1;0"), `per-stage CSV: ${csv}`);
  const people = page.getByTestId("analytics-people");
  const [peopleDownload] = await Promise.all([
    page.waitForEvent("download"),
    people.getByRole("button", { name: /CSV/ }).click(),
  ]);
  const peopleCsv = fs.readFileSync(await peopleDownload.path(), "utf8");
  assert(peopleCsv.includes("Борис Кузнецов;6;0;0"), `per-responsible CSV: ${peopleCsv}`);
  await perStage.getByText("Показать таблицей").click();
  await perStage.getByRole("cell", { name: "Входящие" }).waitFor();
  await screenshot(page, "41-analytics");
  // On a phone a long title wraps beside its CSV button, which keeps its whole label.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const button of await page.getByRole("button", { name: /CSV/ }).all()) {
    const clipped = await button.evaluate((b) =>
      [b, ...Array.from(b.querySelectorAll("*"))].some((part) => part.scrollWidth > part.clientWidth),
    );
    assert(!clipped, `a CSV button is squeezed at 390 px: ${await button.getAttribute("aria-label")}`);
  }
  await page.getByTestId("analytics-throughput").scrollIntoViewIfNeeded();
  await screenshot(page, "41-analytics-phone");
  await page.setViewportSize({ width: 1440, height: 900 });
  session.assertNoConsoleErrors();
});
