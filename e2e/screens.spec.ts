/**
 * The admin's screens: settings (users, document types with the live number preview, processes with stages and
 * robots), the drive, the English switch, keyboard use of the kanban, and the first load's weight and time.
 */
import fs from "node:fs";
import path from "node:path";
import { ApiClient } from "./lib/api.js";
import { ADMIN, newSession, screenshot, signIn, type Session } from "./lib/browser.js";
import { addRobot, createProcess, uploadDocument } from "./lib/fixtures.js";
import { column } from "./lib/kanban.js";
import { assert, test } from "./lib/test.js";
import { pdfFile } from "./lib/upload.js";

test.describe.configure({ mode: "serial" });

let admin: Session;
let api: ApiClient;

test("the first load is light and quick", async ({ browser }) => {
  admin = await newSession(browser, { locale: "en-US" });
  const { page } = admin;
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const scripts = performance
      .getEntriesByType("resource")
      .filter((r) => r.name.endsWith(".js"))
      .map((r) => (r as PerformanceResourceTiming).encodedBodySize);
    return { load: nav.loadEventEnd - nav.startTime, scripts };
  });
  console.log(`    first load ${Math.round(timing.load)} ms, ${timing.scripts.length} scripts`);
  assert(timing.load < 3000, `first load took ${timing.load} ms`);
  // The initial JS budget (300 KB gzipped) is checked against the build's entry chunk.
  const dist = path.resolve(import.meta.dirname, "../web/dist");
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  assert(entry, "index.html names its entry script");
  const { gzipSync } = await import("node:zlib");
  const gzipped = gzipSync(fs.readFileSync(path.join(dist, "assets", entry))).length;
  console.log(`    initial JS ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  assert(gzipped <= 300 * 1024, `initial JS is ${gzipped} bytes gzipped`);
});

test("an English browser gets English; the header switch turns Russian on and back", async () => {
  const { page } = admin;
  await signIn(page, ADMIN.email, ADMIN.password);
  // People with pending work start on "My work"; the switch is checked on the registry.
  await page.getByRole("link", { name: "Documents", exact: true }).click();
  await page.getByRole("heading", { name: "Documents" }).waitFor();
  await page.getByText("RU", { exact: true }).click();
  await page.getByRole("heading", { name: "Документы" }).waitFor();
  await page.getByText("EN", { exact: true }).click();
  await page.getByRole("heading", { name: "Documents" }).waitFor();
  api = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  // The switch also saves the choice on the account (emails follow it).
  for (let i = 0; i < 20 && (await api.get("/api/auth/me")).user.locale !== "en"; i++) await page.waitForTimeout(100);
  assert((await api.get("/api/auth/me")).user.locale === "en", "the language choice is saved on the account");
});

test("settings: users list and the new-user form", async () => {
  const { page } = admin;
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Maria Accountant");
  await dialog.getByLabel("Email").fill("maria@example.com");
  await dialog.getByLabel("Password").fill("maria-password-1");
  await dialog.getByRole("button", { name: "Save" }).click();
  await page.getByRole("cell", { name: "maria@example.com" }).waitFor();
  await screenshot(page, "20-settings-users");
});

test("settings: a document type shows the next number live as the template changes", async () => {
  const { page } = admin;
  await page.getByRole("link", { name: "Document types" }).click();
  await page.getByRole("button", { name: "New document type" }).click();
  const dialog = page.getByRole("dialog");
  const year = new Date().getFullYear();
  await dialog.getByLabel(/^Code/).fill("invoice");
  await dialog.getByLabel(/^Name/).fill("Invoice");
  await dialog.getByLabel("Number template").fill("INV-{yy}/{n:5}");
  await dialog
    .getByTestId("number-preview")
    .filter({ hasText: `INV-${String(year).slice(2)}/00001` })
    .waitFor();
  await dialog.getByLabel("Number template").fill("INV-{yyyy}-{n:3}");
  await dialog
    .getByTestId("number-preview")
    .filter({ hasText: `INV-${year}-001` })
    .waitFor();
  await dialog.getByLabel("Status name 1").fill("Draft");
  await dialog.getByLabel("Status name 2").fill("Paid");
  await screenshot(page, "21-settings-document-type");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByRole("cell", { name: "Invoice", exact: true }).waitFor();
  // An existing type previews the number its next document will really take: the server's counter.
  const invoice = (await api.get("/api/document-types?limit=100")).items.find((t: any) => t.code === "invoice");
  await api.post(`/api/document-types/${invoice.id}/reservations`, { count: 2 });
  await page.getByRole("row").filter({ hasText: "Invoice" }).getByRole("button", { name: "Edit" }).click();
  await page
    .getByTestId("number-preview")
    .filter({ hasText: `INV-${year}-003` })
    .waitFor();
  await page.keyboard.press("Escape");
});

test("settings: a process with coloured stages and a robot with delay and condition", async () => {
  const { page } = admin;
  await page.getByRole("link", { name: "Processes" }).nth(1).click();
  await page.getByRole("button", { name: "New process" }).click();
  await page.getByLabel(/^Code/).fill("purchase");
  await page.getByLabel(/^Name/).fill("Purchase request");
  await page.getByLabel("Stage name 1").fill("New");
  await page.getByLabel("Stage name 2").fill("Bought");
  await page.getByLabel("Stage name 3").fill("Declined");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { name: "Robots" }).waitFor();
  await page.getByRole("button", { name: "Add robot" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Message" }).fill("Please look at {{item.title}}");
  await dialog.getByLabel("Recipients").click();
  await page.getByRole("option", { name: "Initiator" }).click();
  await dialog.getByRole("heading", { name: "Add robot" }).click(); // closes the recipients dropdown
  await dialog.getByRole("switch", { name: "Delay" }).check();
  await dialog.getByRole("switch", { name: "Only when a condition holds" }).check();
  await dialog.getByRole("textbox", { name: "Field", exact: true }).click();
  await page.getByRole("option", { name: "Amount", exact: true }).click();
  await dialog.getByLabel("Value").fill("1000000");
  await screenshot(page, "22-settings-robot-form");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByTestId("robot-row").filter({ hasText: "after 24 hours" }).waitFor();
  await screenshot(page, "23-settings-process");
});

test("settings: a webhook robot shows the installation's signing secret, with a copy button", async () => {
  const { page } = admin;
  await page.getByRole("button", { name: "Add robot" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Robot" }).click();
  await page.getByRole("option", { name: "Webhook" }).click();
  const field = dialog.getByRole("textbox", { name: "Signing secret" });
  await field.waitFor();
  const { secret } = await api.get("/api/robots/webhook-secret");
  assert(secret && (await field.inputValue()) === secret, "the dialog shows the installation's generated secret");
  await dialog.getByRole("button", { name: "Copy the secret" }).waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
});

test("a robot delayed by P1M reads as one month, in the list and in its form", async () => {
  const { page } = admin;
  const process = await createProcess(api, {
    code: "monthly_review",
    name: "Monthly review",
    stages: { waiting: "Waiting" },
    success: { done: "Done" },
  });
  const reminder = { to: ["initiator"], message: "A month has passed" };
  await addRobot(api, process.id, "waiting", "notify", reminder, { delay: "P1M" });
  await page.goto(`/settings/processes/${process.id}`);
  // The web reads the delay with common's Temporal durations: a calendar month, not 24 hours.
  const row = page.getByTestId("robot-row").filter({ hasText: "after 1 month" });
  await row.waitFor();
  assert(!(await row.textContent())?.includes("hours"), "P1M is not shown as hours");
  await row.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("switch", { name: "Delay" }).waitFor();
  assert((await dialog.getByRole("switch", { name: "Delay" }).isChecked()) === true, "the delay is on");
  assert((await dialog.getByLabel("After", { exact: true }).inputValue()) === "1", "the amount is 1");
  assert(
    (await dialog.getByLabel("Unit", { exact: true }).inputValue()) === "month",
    "the unit is month (singular, agreeing with 1)",
  );
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
});

test("drive: folders made by filing, breadcrumbs, the file links to its document", async () => {
  const { page } = admin;
  const types = await api.get("/api/document-types");
  const contract = types.items.find((t: any) => t.code === "contract") ?? types.items[0];
  const file = pdfFile("drive-sample.pdf", "Drive sample");
  const doc = await uploadDocument(api, { typeId: contract.id, title: "Drive sample", file });
  await page.getByRole("link", { name: "Drive" }).click();
  const folders = doc.folder.path.split("/").filter(Boolean);
  for (const name of folders) await page.getByRole("button", { name, exact: true }).click();
  await page.getByRole("link", { name: new RegExp(doc.number) }).waitFor();
  await screenshot(page, "24-drive");
  await page.getByRole("navigation", { name: "Folder path" }).getByRole("button", { name: "Drive" }).click();
  await page.getByRole("button", { name: folders[0], exact: true }).waitFor();
});

test("the kanban works from the keyboard: Space, arrow, Space moves a card", async () => {
  const { page } = admin;
  const processes = await api.get("/api/processes");
  const process = processes.items.find((p: any) => p.code === "purchase");
  await api.post(`/api/processes/${process.id}/items`, { title: "Keyboard item" });
  await page.goto(`/processes/${process.id}`);
  const cardLocator = page.getByTestId("kanban-card").filter({ hasText: "Keyboard item" });
  await cardLocator.focus();
  // A person's pace: the sensor starts listening for arrows on the tick after the pick-up.
  for (const key of ["Space", "ArrowRight", "Space"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(250);
  }
  await column(page, process.stages[1].code).getByText("Keyboard item").waitFor();
  await cardLocator.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/items\//);
  await page.getByRole("heading", { name: "Keyboard item" }).waitFor();
  await screenshot(page, "25-item-card");
});

test("an item's fields are shown on its card and edited there; a number stays a number", async () => {
  const { page } = admin;
  const processes = await api.get("/api/processes");
  const process = processes.items.find((p: any) => p.code === "purchase");
  const item = await api.post(`/api/processes/${process.id}/items`, {
    title: "Item with fields",
    fields: { supplier: "ООО Ромашка" },
  });
  await page.goto(`/items/${item.id}`);
  const fields = page.getByTestId("item-fields");
  await fields.getByText("ООО Ромашка").waitFor();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Add field" }).click();
  await dialog.getByLabel("Field name 2").fill("amount");
  await dialog.getByLabel("Field value 2").fill("1500000");
  await dialog.getByLabel("Field value 1").fill("ООО Лютик");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });
  await fields.getByText("ООО Лютик").waitFor();
  await fields.getByText("1500000").waitFor();
  const saved = await api.get(`/api/items/${item.id}`);
  assert(
    JSON.stringify(saved.fields) === JSON.stringify({ supplier: "ООО Лютик", amount: 1500000 }),
    `fields saved as ${JSON.stringify(saved.fields)}`,
  );
  await screenshot(page, "25b-item-fields");
});

test("a card that outstays its stage's reminder is highlighted as overdue", async () => {
  const { page } = admin;
  const processes = await api.get("/api/processes");
  const process = processes.items.find((p: any) => p.code === "purchase");
  const first = process.stages[0].code;
  const reminder = { to: ["initiator"], message: "Still waiting: {{item.title}}" };
  await addRobot(api, process.id, first, "notify", reminder, { delay: "PT2S" });
  await api.post(`/api/processes/${process.id}/items`, { title: "Slow item" });
  await page.waitForTimeout(2500);
  await page.goto(`/processes/${process.id}`);
  await page.locator('[data-testid="kanban-card"][data-overdue="true"]').filter({ hasText: "Slow item" }).waitFor();
  await screenshot(page, "26-kanban-overdue");
});

test("on a phone the menu opens from the burger and follows links", async () => {
  const { page } = admin;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("link", { name: "Companies" }).click();
  await page.getByRole("heading", { name: "Companies" }).waitFor();
  await page.waitForTimeout(400); // the menu slides away
  await screenshot(page, "27-phone-companies");
});

test("a rejection asks for a comment and sends the item to the failure stage", async () => {
  const { page } = admin;
  await page.setViewportSize({ width: 1366, height: 860 });
  const me = (await api.get("/api/auth/me")).user;
  const process = await createProcess(api, {
    code: "review",
    name: "Review",
    stages: { draft: "Draft", review: "Review" },
    success: { ok: "Accepted" },
    failure: { no: "Turned down" },
  });
  const approval = { approvers: [me.id], mode: "any", onApprove: "ok", onReject: "no" };
  await addRobot(api, process.id, "review", "requestApproval", approval);
  const item = await api.post(`/api/processes/${process.id}/items`, { title: "Item to turn down" });
  await api.post(`/api/items/${item.id}/stage`, { stage: "review" });
  await page.goto("/approvals");
  const card = page.getByTestId("approval-card").filter({ hasText: "Item to turn down" });
  await card.getByRole("button", { name: "Reject" }).click();
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Reject" });
  await confirm.click();
  await dialog.getByText("Write why you reject it.").waitFor(); // a reject needs a comment, and says so
  await dialog.getByLabel("Comment").fill("The price is too high");
  await page.waitForTimeout(300); // let the dialog finish fading in
  await screenshot(page, "28-reject-with-comment");
  await confirm.click();
  await card.waitFor({ state: "detached" });
  let stage = "";
  for (let i = 0; i < 30 && stage !== "no"; i++) {
    await page.waitForTimeout(200);
    stage = (await api.get(`/api/items/${item.id}`)).stage.code;
  }
  assert(stage === "no", `the rejected item went to the failure stage, is in ${stage}`);
});

test("no console errors", async () => {
  admin.assertNoConsoleErrors();
  await admin.close();
});
