/**
 * Settings for non-developers (issue 20): codes made from Russian names and editable later, refusals shown beside
 * their fields, robots described in words, and a question before a stage, a status or a robot is removed.
 */
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession } from "./lib/browser.js";
import { expect, test } from "./lib/test.js";
import { addRobot, createProcess } from "./lib/fixtures.js";
import { openNewDocumentType } from "./lib/settings.js";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);

test("a process: codes follow Russian names, a refusal sits beside its stage, a stage is removed only when confirmed", async ({
  browser,
}) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: { width: 1440, height: 900 } });
  const { page } = session;
  session.expectError(/400/);
  await page.goto("/settings/processes/new");
  const code = page.getByRole("textbox", { name: "Код", exact: true });
  await page.getByRole("textbox", { name: "Название", exact: true }).fill(`Закупки щебня ${suffix}`);
  await expect(code).toHaveValue(`zakupki_shchebnya_${suffix}`);
  // The access switch is named for what it governs; its own labels ("Все", "Только участники") do not say.
  await expect(page.getByRole("radiogroup", { name: "Кто видит элементы процесса" })).toBeVisible();

  await page.getByRole("button", { name: "Добавить стадию" }).click();
  await page.getByRole("textbox", { name: "Название стадии 4" }).fill("На согласовании");
  await expect(page.getByRole("textbox", { name: "Код стадии 4" })).toHaveValue("na_soglasovanii");
  // A code typed by hand is the user's: a later rename leaves it.
  await page.getByRole("button", { name: "Добавить стадию" }).click();
  await page.getByRole("textbox", { name: "Название стадии 5" }).fill("Проверка");
  await expect(page.getByRole("textbox", { name: "Код стадии 5" })).toHaveValue("proverka");
  await page.getByRole("textbox", { name: "Код стадии 5" }).fill("check");
  await page.getByRole("textbox", { name: "Название стадии 5" }).fill("Проверка юристом");
  await expect(page.getByRole("textbox", { name: "Код стадии 5" })).toHaveValue("check");

  // Stage names 1–3 are empty: the server refuses, and says so beside the first, in Russian, never as a path.
  await page.getByRole("button", { name: "Сохранить" }).click();
  const first = page.getByRole("textbox", { name: "Название стадии 1" });
  await expect(first).toHaveAttribute("aria-invalid", "true");
  await expect(first).toBeFocused();
  await expect(first).toBeInViewport();
  await expect(page.getByText("Заполните поле").first()).toBeVisible();
  expect(await page.locator("main").innerText()).not.toMatch(/stages\.\d|Too small|Invalid/);

  for (const [index, name] of ["Новые", "Поиск поставщика", "Закуплено"].entries())
    await page.getByRole("textbox", { name: `Название стадии ${index + 1}` }).fill(name);
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page).toHaveURL(/\/settings\/processes\/[0-9a-f-]{36}$/);
  await expect(code).toHaveValue(`zakupki_shchebnya_${suffix}`);
  // Saved codes stay when the name changes: items and robots refer to them.
  await page.getByRole("textbox", { name: "Название", exact: true }).fill(`Закупки песка ${suffix}`);
  await expect(code).toHaveValue(`zakupki_shchebnya_${suffix}`);
  await page.getByRole("textbox", { name: "Название стадии 4" }).fill("Согласование");
  await expect(page.getByRole("textbox", { name: "Код стадии 4" })).toHaveValue("na_soglasovanii");

  const rows = page.getByTestId("stage-row");
  await rows.nth(3).getByRole("button", { name: "Удалить" }).click();
  const question = page.getByRole("alertdialog", { name: "Удалить стадию «Согласование»?" });
  await expect(question).toBeVisible();
  await question.getByRole("button", { name: "Отмена" }).click();
  await expect(question).toBeHidden();
  await expect(rows).toHaveCount(5);
  await rows.nth(3).getByRole("button", { name: "Удалить" }).click();
  await question.getByRole("button", { name: "Удалить" }).click();
  await expect(rows).toHaveCount(4);
  await expect(page.getByRole("textbox", { name: "Код стадии 4" })).toHaveValue("check");
  await session.close();
});

test("a document type: codes and field keys made from Russian names; Esc in the removal question keeps the dialog", async ({
  browser,
}) => {
  const session = await adminSession(browser, { locale: "ru-RU", viewport: { width: 1440, height: 900 } });
  const { page } = session;
  const dialog = await openNewDocumentType(page);
  await dialog.getByRole("textbox", { name: "Название", exact: true }).fill(`Счёт-фактура ${suffix}`);
  await expect(dialog.getByRole("textbox", { name: "Код", exact: true })).toHaveValue(`schyot_faktura_${suffix}`);
  // A status name is readable as typed, and each row's buttons are on screen without scrolling sideways.
  const firstName = dialog.getByRole("textbox", { name: "Название статуса 1" });
  expect((await firstName.boundingBox())!.width).toBeGreaterThanOrEqual(150);
  const firstRow = dialog.getByRole("row").filter({ has: page.getByRole("textbox", { name: "Название статуса 1" }) });
  await expect(firstRow.getByRole("button", { name: "Удалить" })).toBeInViewport({ ratio: 1 });
  await dialog.getByRole("textbox", { name: "Название статуса 1" }).fill("Черновик");
  // A preset code is not one made from a name: it stays.
  await expect(dialog.getByRole("textbox", { name: "Код статуса 1" })).toHaveValue("draft");
  await dialog.getByRole("textbox", { name: "Название статуса 2" }).fill("Подписан");
  await dialog.getByRole("button", { name: "Добавить статус" }).click();
  await dialog.getByRole("textbox", { name: "Название статуса 3" }).fill("На подписи у директора");
  await expect(dialog.getByRole("textbox", { name: "Код статуса 3" })).toHaveValue("na_podpisi_u_direktora");
  await dialog.getByRole("button", { name: "Добавить поле" }).click();
  await dialog.getByRole("textbox", { name: "Подпись 1" }).fill("Сумма договора");
  await expect(dialog.getByRole("textbox", { name: "Ключ 1" })).toHaveValue("summa_dogovora");

  const statusRow = dialog.getByRole("row").filter({ has: page.getByRole("textbox", { name: "Код статуса 3" }) });
  await statusRow.getByRole("button", { name: "Удалить" }).click();
  const question = page.getByRole("alertdialog", { name: "Удалить статус «На подписи у директора»?" });
  await expect(question).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(question).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Код статуса 3" })).toHaveValue("na_podpisi_u_direktora");
  await statusRow.getByRole("button", { name: "Удалить" }).click();
  await question.getByRole("button", { name: "Удалить" }).click();
  await expect(dialog.getByRole("textbox", { name: "Код статуса 3" })).toHaveCount(0);

  await dialog.getByRole("button", { name: "Сохранить" }).click();
  await expect(dialog).toBeHidden();
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const types = await admin.get<{ items: { code: string; fields: { key: string }[] }[] }>("/api/document-types");
  const saved = types.items.find((t) => t.code === `schyot_faktura_${suffix}`);
  expect(saved?.fields.map((f) => f.key)).toEqual(["summa_dogovora"]);
  await session.close();
});

test("the robot list says whom, what and where; a robot is removed only when confirmed", async ({ browser }) => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const process = await createProcess(admin, {
    code: `robots_${suffix}`,
    name: `Роботы ${suffix}`,
    stages: { new: "Новые", check: "Проверка" },
    success: { won: "Одобрено" },
    failure: { lost: "Отказ" },
  });
  await addRobot(admin, process.id, "new", "notify", {
    to: ["responsible", "observers"],
    message: `Новая заявка ${suffix}`,
  });
  const approval = { approvers: ["responsibleManager"], onApprove: "won", onReject: "lost" };
  await addRobot(admin, process.id, "check", "requestApproval", approval);

  const session = await adminSession(browser, { locale: "ru-RU" });
  const { page } = session;
  await page.goto(`/settings/processes/${process.id}`);
  const robots = page.getByTestId("robot-row");
  await expect(robots.nth(0).getByTestId("robot-summary")).toHaveText(
    `Получатели: Ответственный, Наблюдатели · Сообщение: «Новая заявка ${suffix}»`,
  );
  await expect(robots.nth(1).getByTestId("robot-summary")).toHaveText(
    "Согласующие: Руководитель ответственного · При согласовании — на стадию: Одобрено · При отказе — на стадию: Отказ",
  );

  await robots.nth(0).getByRole("button", { name: "Удалить" }).click();
  const question = page.getByRole("alertdialog", { name: "Удалить робота «Уведомить»?" });
  await question.getByRole("button", { name: "Отмена" }).click();
  await expect(robots).toHaveCount(2);
  await robots.nth(0).getByRole("button", { name: "Удалить" }).click();
  await question.getByRole("button", { name: "Удалить" }).click();
  await expect(robots).toHaveCount(1);
  await expect(robots.first()).toContainText("Запросить согласование");
  await session.close();
});
