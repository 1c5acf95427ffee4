/**
 * The mission by keyboard alone (WCAG 2.1.1, 2.4.1, 2.4.7): sign in → skip to the content → upload a document on the
 * item's card (Space on the drop zone opens the file chooser) → move the item on the kanban → approve. Nothing is clicked; after every Tab the focused element must
 * show a focus ring (an outline or a box-shadow) and be on screen.
 */
import { ApiClient } from "./lib/api.js";
import { ADMIN, newSession, screenshot, type Session } from "./lib/browser.js";
import { addRobot, createDocumentType, createProcess, createUser, makePdf } from "./lib/fixtures.js";
import { tabTo } from "./lib/focus.js";
import { column } from "./lib/kanban.js";
import { assert, test } from "./lib/test.js";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);
const USER = {
  email: `keys-${suffix}@example.com`,
  password: "keyboard-password-1",
  name: "Клавиатурный Пользователь",
};
const TYPE = `Акт ${suffix}`;
const ITEM = `Акт сверки ${suffix}`;
let processId = "";
let walker: Session;

test("admin prepares a user, a document type and a process whose second stage asks the user to approve", async () => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const user = await createUser(admin, USER);
  await createDocumentType(admin, {
    code: `act_${suffix}`,
    name: TYPE,
    folder: "Акты/{yyyy}",
    numbering: "А-{n:3}",
    statuses: { draft: "Черновик" },
    final: { agreed: "Согласован" },
  });
  const process = await createProcess(admin, {
    code: `acts_${suffix}`,
    name: `Сверка ${suffix}`,
    stages: { new: "Новый", check: "Проверка" },
    success: { ok: "Сверено" },
    failure: { no: "Расхождение" },
  });
  processId = process.id;
  const approval = { approvers: [user.id], mode: "any", onApprove: "ok", onReject: "no" };
  await addRobot(admin, processId, "check", "requestApproval", approval);
  await admin.post(`/api/processes/${processId}/items`, { title: ITEM, responsibleId: user.id });
});

test("sign in with the keyboard, then the skip link jumps past the menu", async ({ browser }) => {
  walker = await newSession(browser, {
    locale: "ru-RU",
    viewport: { width: 1440, height: 900 },
    reducedMotion: "reduce",
  });
  const { page } = walker;
  await page.goto("/login");
  const email = page.getByLabel("Эл. почта");
  await email.waitFor();
  assert(await email.evaluate((el) => el === document.activeElement), "the email field has focus on arrival");
  await page.keyboard.type(USER.email);
  await tabTo(page, page.getByLabel("Пароль"));
  await page.keyboard.type(USER.password);
  await tabTo(page, page.getByRole("button", { name: "Войти" }));
  await page.keyboard.press("Enter");
  await page.getByTestId("user-menu").waitFor();
  await page.getByRole("heading", { level: 1 }).waitFor(); // «Моя работа»: the user has an item to handle

  const skip = page.getByRole("link", { name: "Перейти к содержимому" });
  await tabTo(page, skip, 1);
  await screenshot(page, "30-keyboard-skip-link");
  await page.keyboard.press("Enter");
  assert(
    await page.locator("main").evaluate((el) => el === document.activeElement),
    "the skip link focuses the content",
  );
  await tabTo(page, page.locator("main a, main button").first(), 1);
});

test("open the item from the kanban and upload a document on its card", async () => {
  const { page } = walker;
  await tabTo(page, page.getByRole("navigation").getByRole("link", { name: "Процессы" }).first());
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByTestId("process-card").filter({ hasText: `Сверка ${suffix}` }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByTestId("kanban-card").filter({ hasText: ITEM }));
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: ITEM }).waitFor();

  await tabTo(page, page.getByRole("button", { name: "Загрузить документ" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  const dropzone = dialog.getByRole("button", { name: "Перетащите файл сюда или нажмите, чтобы выбрать" });
  // Listening before the Tabs: Playwright turns on its file-chooser interception asynchronously, and a chooser opened
  // before that is the browser's own (cancelled at once in a headless browser), seen as a flaky missing event.
  const chooser = page.waitForEvent("filechooser", { timeout: 10_000 });
  await tabTo(page, dropzone);
  await page.keyboard.press("Enter"); // Enter (or Space) on the focused drop zone opens the file chooser
  await (await chooser).setFiles({ name: "akt.pdf", mimeType: "application/pdf", buffer: makePdf("Act") });
  await dialog.getByText("akt.pdf").waitFor();
  await tabTo(page, dialog.getByTestId("upload-type"));
  await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 30; i++) {
    if ((await page.locator("[data-combobox-selected]").textContent()) === TYPE) break;
    await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Enter");
  await tabTo(page, dialog.getByRole("button", { name: "Загрузить документ" }));
  await screenshot(page, "31-keyboard-upload");
  await page.keyboard.press("Enter");
  await dialog
    .getByTestId("upload-number")
    .filter({ hasText: /^А-\d{3}$/ })
    .waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await page
    .getByTestId("document-row")
    .filter({ hasText: /А-\d{3}/ })
    .waitFor();
});

test("move the item to the next stage on the kanban: Space, arrow, Space", async () => {
  const { page } = walker;
  await tabTo(page, page.getByRole("link", { name: `← Сверка ${suffix}` }), 80);
  await page.keyboard.press("Enter");
  const cardHandle = page.getByTestId("kanban-card").filter({ hasText: ITEM });
  await tabTo(page, cardHandle);
  for (const key of ["Space", "ArrowRight", "Space"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(250); // the sensor listens for arrows on the tick after the pick-up
  }
  await column(page, "check").getByTestId("kanban-card").filter({ hasText: ITEM }).waitFor();
  await screenshot(page, "32-keyboard-kanban-moved");
});

test("approve from «Мои согласования»", async () => {
  const { page } = walker;
  await page.keyboard.press("Shift+Tab"); // leave the board; the menu is reached by tabbing on round the page
  await tabTo(page, page.getByRole("navigation").getByRole("link", { name: "Мои согласования" }), 120);
  await page.keyboard.press("Enter");
  const card = page.getByTestId("approval-card").filter({ hasText: ITEM });
  await card.waitFor();
  await tabTo(page, card.getByRole("button", { name: "Согласовать" }));
  await screenshot(page, "33-keyboard-approve");
  await page.keyboard.press("Enter");
  await card.waitFor({ state: "detached" });
});

test("no console errors", async () => {
  walker.assertNoConsoleErrors();
  await walker.close();
});
