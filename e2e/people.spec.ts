/**
 * People and time (issue 15): a director says they are away with a deputy in the "Я отсутствую" dialog; an approval
 * that would be the director's lands on the deputy's start page, "Моя работа", and the deputy decides it on their
 * behalf.
 */
import { ApiClient } from "./lib/api.js";
import { ADMIN, screenshot, sessionAs } from "./lib/browser.js";
import { addRobot, createProcess, createUser } from "./lib/fixtures.js";
import { assert, test } from "./lib/test.js";

test.describe.configure({ mode: "serial" });

const DIRECTOR = { email: "director@example.com", password: "director-password-1", name: "Дмитрий Директоров" };
const DEPUTY = { email: "deputy@example.com", password: "deputy-password-1", name: "Зоя Заместитель" };
const AUTHOR = { email: "author@example.com", password: "author-password-1", name: "Антон Автор" };
const ITEM = "Договор аренды на время отпуска";

let admin: ApiClient;
let processId = "";
let directorId = "";

test("admin sets up a department headed by the director and a process that asks the author's manager", async () => {
  admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const director = await createUser(admin, DIRECTOR);
  directorId = director.id;
  await createUser(admin, DEPUTY);
  const author = await createUser(admin, AUTHOR);
  const department = await admin.post("/api/departments", { name: "Дирекция", headId: director.id });
  await admin.patch(`/api/users/${author.id}`, { departmentId: department.id, position: "Менеджер" });
  const process = await createProcess(admin, {
    code: "vacation_approval",
    name: "Согласование у руководителя",
    stages: { draft: "Черновик", review: "У руководителя" },
    success: { done: "Согласовано" },
    failure: { rejected: "Отклонено" },
  });
  processId = process.id;
  const approval = { approvers: ["initiatorManager"], mode: "any", onApprove: "done", onReject: "rejected" };
  await addRobot(admin, processId, "review", "requestApproval", approval);
});

test("the director says «Я отсутствую» and picks the deputy", async ({ browser }) => {
  const session = await sessionAs(browser, DIRECTOR, { locale: "ru-RU" });
  const { page, context } = session;
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Я отсутствую" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Заместитель").fill("Зоя");
  await page.getByRole("option", { name: DEPUTY.name }).click();
  await dialog.getByLabel("Причина").fill("Отпуск");
  await screenshot(page, "40-away-dialog");
  await dialog.getByRole("button", { name: "Сохранить отсутствие" }).click();
  await dialog.getByTestId("absences-list").getByText(`замещает: ${DEPUTY.name}`).waitFor();
  session.assertNoConsoleErrors();
  await context.close();
});

test("the author's request reaches the deputy, who decides it on the director's behalf", async ({ browser }) => {
  const author = await ApiClient.signIn(AUTHOR.email, AUTHOR.password);
  const item = await author.post(`/api/processes/${processId}/items`, { title: ITEM });
  await author.post(`/api/items/${item.id}/stage`, { stage: "review" });

  const session = await sessionAs(browser, DEPUTY, { locale: "ru-RU" });
  const { page, context } = session;
  // Pending work makes «Моя работа» the start page.
  await page.getByRole("heading", { name: "Моя работа" }).waitFor({ timeout: 15_000 });
  const card = page.getByTestId("approval-card").filter({ hasText: ITEM });
  await card.getByTestId("acting-for").filter({ hasText: DIRECTOR.name }).waitFor();
  await screenshot(page, "41-my-work-as-deputy");
  await card.getByRole("button", { name: "Согласовать" }).click();
  await card.waitFor({ state: "detached" });
  session.assertNoConsoleErrors();
  await context.close();

  const director = await ApiClient.signIn(DIRECTOR.email, DIRECTOR.password);
  const decided = (await director.get("/api/approvals?state=approved")).items.find((a: any) => a.itemId === item.id);
  assert(decided?.onBehalfOf?.id === directorId, `decided on behalf of the director: ${JSON.stringify(decided)}`);
  assert(decided.decidedBy?.name === DEPUTY.name, "decided by the deputy");
  const moved = await author.get(`/api/items/${item.id}`);
  assert(moved.stage.code === "done", `the item moved on: ${moved.stage.code}`);
  const notes = (await director.get("/api/notifications")).items.map((n: any) => n.text as string);
  assert(
    notes.some((text: string) => text.includes(`${DEPUTY.name} согласовал(а) за вас`)),
    `the director is told: ${notes.join(" | ")}`,
  );
});
