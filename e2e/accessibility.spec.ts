/**
 * WCAG 2.1 AA (ГОСТ Р 52872-2019) on every main screen: axe-core checks each screen and open dialog in Russian and
 * English, at laptop (1440×900) and phone (390×844) size, signed in once as an administrator with a little data.
 * Any serious or critical violation fails the suite.
 */
import type { Page } from "@playwright/test";
import { ApiClient } from "./lib/api.js";
import { blockingViolations } from "./lib/axe.js";
import { stopsWithoutRing } from "./lib/focus.js";
import { ADMIN, newSession, screenshot, signIn, type Session } from "./lib/browser.js";
import { addRobot, createDocumentType, createProcess, uploadDocument } from "./lib/fixtures.js";
import { tr, type Language } from "./lib/i18n.js";
import { expect, test } from "./lib/test.js";
import { pdfFile } from "./lib/upload.js";

const VIEWPORTS = { laptop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
type ViewportName = keyof typeof VIEWPORTS;
// Set E2E_A11Y_SCREENSHOTS=1 to keep a screenshot of every checked state (to look at the palette as a user would).
const SCREENSHOTS = process.env.E2E_A11Y_SCREENSHOTS === "1";
// Tab stops checked for a focus ring per screen: the shell's and the first screenful of the content's.
const FOCUS_STOPS = 40;

let api: ApiClient;
let session: Session;
const ids = { company: "", document: "", process: "", item: "" };
const COMPANY = "ООО Доступность";
const ITEM = "Проверка доступности";

interface Screen {
  name: string;
  path: () => string;
  ready: (page: Page, language: Language) => Promise<unknown>;
  /** Opens a dialog or menu on top of the screen. */
  open?: (page: Page, language: Language) => Promise<unknown>;
}

const byTestId = (id: string) => (page: Page) => page.getByTestId(id).first().waitFor();
const dialogOpened = (button: string) => async (page: Page, language: Language) => {
  await page
    .getByRole("button", { name: tr(language, button), exact: true })
    .first()
    .click();
  await page.getByRole("dialog").waitFor();
};

const menuOpened =
  (open: (page: Page, language: Language) => Promise<void>) => async (page: Page, language: Language) => {
    await open(page, language);
    await page.getByRole("menu").waitFor();
  };
/** A screen whose heading is this translation key. */
const headingReady = (key: string) => (page: Page, language: Language) =>
  page.getByRole("heading", { name: tr(language, key) }).waitFor();
/** A settings table with at least one row below its header. */
const firstRowReady = (page: Page) => page.getByRole("row").nth(1).waitFor();
const documentCardReady = (page: Page) => page.getByTestId("pdf-preview").locator("canvas").first().waitFor();
const companiesReady = (page: Page) => page.getByRole("row").filter({ hasText: COMPANY }).waitFor();
const companyCardReady = (page: Page) => page.getByRole("heading", { name: COMPANY }).waitFor();
const kanbanReady = byTestId("kanban-card");
const itemReady = (page: Page) => page.getByRole("heading", { name: ITEM }).waitFor();
const usersReady = (page: Page) => page.getByRole("cell", { name: ADMIN.email }).waitFor();
const documentTypeEditorOpened = async (page: Page, language: Language) => {
  await dialogOpened("settings.newType")(page, language);
  await page
    .getByRole("dialog")
    .getByLabel(`${tr(language, "settings.color")} 1`)
    .click();
  await page.locator(".mantine-ColorInput-dropdown").waitFor();
};

const SCREENS: Screen[] = [
  { name: "registry", path: () => "/documents", ready: byTestId("document-row") },
  {
    name: "upload-dialog",
    path: () => "/documents",
    ready: byTestId("document-row"),
    open: dialogOpened("documents.upload"),
  },
  {
    name: "document-card",
    path: () => `/documents/${ids.document}`,
    ready: documentCardReady,
  },
  {
    name: "edit-document-dialog",
    path: () => `/documents/${ids.document}`,
    ready: documentCardReady,
    open: dialogOpened("common.edit"),
  },
  {
    name: "companies",
    path: () => "/companies",
    ready: companiesReady,
  },
  {
    name: "new-company-dialog",
    path: () => "/companies",
    ready: companiesReady,
    open: dialogOpened("companies.create"),
  },
  {
    name: "company-inn-error",
    path: () => "/companies",
    ready: companiesReady,
    open: async (page, language) => {
      await dialogOpened("companies.create")(page, language);
      await page.getByRole("dialog").getByLabel(tr(language, "fields.inn")).fill("7707083890");
      await page.getByText(tr(language, "companies.innInvalid")).waitFor();
    },
  },
  {
    name: "company-card",
    path: () => `/companies/${ids.company}`,
    ready: companyCardReady,
  },
  {
    name: "edit-company-dialog",
    path: () => `/companies/${ids.company}`,
    ready: companyCardReady,
    open: dialogOpened("common.edit"),
  },
  {
    name: "start-process-menu",
    path: () => `/companies/${ids.company}`,
    ready: companyCardReady,
    open: async (page, language) => {
      await page.getByRole("tab", { name: tr(language, "companies.tabProcesses") }).click();
      await menuOpened(async () => {
        await page.getByRole("button", { name: tr(language, "companies.startProcess") }).click();
      })(page, language);
    },
  },
  {
    name: "company-documents",
    path: () => `/companies/${ids.company}`,
    ready: companyCardReady,
    open: async (page, language) => {
      await page.getByRole("tab", { name: tr(language, "companies.tabDocuments") }).click();
      await page.getByTestId("document-row").first().waitFor();
    },
  },
  { name: "processes", path: () => "/processes", ready: byTestId("process-card") },
  { name: "kanban", path: () => `/processes/${ids.process}`, ready: kanbanReady },
  {
    name: "kanban-move-menu",
    path: () => `/processes/${ids.process}`,
    ready: kanbanReady,
    open: menuOpened(async (page, language) => {
      await page.getByRole("button", { name: tr(language, "kanban.cardActions").replace("{{title}}", ITEM) }).click();
    }),
  },
  {
    name: "new-item-dialog",
    path: () => `/processes/${ids.process}`,
    ready: kanbanReady,
    open: dialogOpened("kanban.newItem"),
  },
  { name: "item-card", path: () => `/items/${ids.item}`, ready: itemReady },
  { name: "edit-item-dialog", path: () => `/items/${ids.item}`, ready: itemReady, open: dialogOpened("common.edit") },
  { name: "approvals", path: () => "/approvals", ready: byTestId("approval-card") },
  {
    name: "reject-dialog",
    path: () => "/approvals",
    ready: byTestId("approval-card"),
    open: dialogOpened("approvals.reject"),
  },
  {
    name: "my-work",
    path: () => "/my-work",
    ready: headingReady("myWork.title"),
  },
  { name: "drive", path: () => "/drive", ready: byTestId("drive-table") },
  { name: "not-found", path: () => "/no-such-page", ready: byTestId("not-found") },
  { name: "item-not-found", path: () => "/items/00000000-0000-4000-8000-000000000000", ready: byTestId("not-found") },
  {
    name: "new-folder-dialog",
    path: () => "/drive",
    ready: byTestId("drive-table"),
    open: dialogOpened("drive.newFolder"),
  },
  {
    name: "notifications",
    path: () => "/notifications",
    ready: headingReady("notifications.title"),
  },
  {
    name: "notifications-bell",
    path: () => "/notifications",
    ready: headingReady("notifications.title"),
    open: async (page) => {
      await page.getByTestId("notifications-bell").click();
      await page.getByTestId("notification").first().waitFor();
    },
  },
  {
    name: "user-menu",
    path: () => "/notifications",
    ready: headingReady("notifications.title"),
    open: menuOpened(async (page) => {
      await page.getByTestId("user-menu").click();
    }),
  },
  {
    name: "away-dialog",
    path: () => "/notifications",
    ready: headingReady("notifications.title"),
    open: async (page) => {
      await page.getByTestId("user-menu").click();
      await page.getByTestId("away-menu-item").click();
      await page.getByRole("dialog").waitFor();
    },
  },
  {
    name: "settings-users",
    path: () => "/settings/users",
    ready: usersReady,
  },
  {
    name: "new-user-dialog",
    path: () => "/settings/users",
    ready: usersReady,
    open: dialogOpened("users.create"),
  },
  {
    name: "absences-dialog",
    path: () => "/settings/users",
    ready: usersReady,
    open: dialogOpened("absences.title"),
  },
  {
    name: "settings-document-types",
    path: () => "/settings/document-types",
    ready: firstRowReady,
  },
  {
    name: "new-document-type-dialog",
    path: () => "/settings/document-types",
    ready: firstRowReady,
    open: dialogOpened("settings.newType"),
  },
  {
    name: "colour-picker",
    path: () => "/settings/document-types",
    ready: firstRowReady,
    open: documentTypeEditorOpened,
  },
  {
    name: "colour-warning",
    path: () => "/settings/document-types",
    ready: firstRowReady,
    open: async (page, language) => {
      await documentTypeEditorOpened(page, language);
      // No text colour reaches 4.5:1 on this grey: the editor says which shade the badge will show instead.
      await page
        .getByRole("dialog")
        .getByLabel(`${tr(language, "settings.color")} 1`)
        .fill("#777777");
      await page.getByTestId("colour-warning").waitFor();
    },
  },
  {
    name: "settings-processes",
    path: () => "/settings/processes",
    ready: firstRowReady,
  },
  {
    name: "settings-departments",
    path: () => "/settings/departments",
    ready: headingReady("departments.title"),
  },
  {
    name: "new-department-dialog",
    path: () => "/settings/departments",
    ready: headingReady("departments.title"),
    open: dialogOpened("departments.create"),
  },
  {
    name: "settings-calendar",
    path: () => "/settings/calendar",
    ready: headingReady("calendar.title"),
  },
  { name: "settings-audit", path: () => "/settings/audit", ready: byTestId("audit-row") },
  {
    name: "process-editor",
    path: () => `/settings/processes/${ids.process}`,
    ready: byTestId("robot-row"),
  },
  {
    name: "robot-dialog",
    path: () => `/settings/processes/${ids.process}`,
    ready: byTestId("robot-row"),
    open: dialogOpened("robots.add"),
  },
];

// A dialog, menu or popover is checked on its own: the screen under it is checked as a screen of its own, and checking
// it again under every layer would double the suite's time.
const LAYERS = '[role="dialog"], [role="menu"], .mantine-Popover-dropdown';

async function check(page: Page, label: string, include?: string): Promise<string[]> {
  if (SCREENSHOTS) await screenshot(page, `a11y-${label}`);
  const started = Date.now();
  const found = await blockingViolations(page, label, include);
  if (process.env.E2E_A11Y_TIMING === "1") console.log(`    ${label}: axe ${Date.now() - started} ms`);
  return found;
}

// A seed of its own with a unique suffix: after a failed test Playwright starts a fresh worker that seeds again.
test.beforeAll(async ({ browser }) => {
  const suffix = Date.now().toString(36);
  api = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const me = (await api.get("/api/auth/me")).user;
  const company =
    (await api.get(`/api/companies?q=${encodeURIComponent(COMPANY)}`)).items[0] ??
    (await api.post("/api/companies", { name: COMPANY, phone: "+7 495 000-00-00" }));
  ids.company = company.id;
  const type = await createDocumentType(api, {
    code: `letter_${suffix}`,
    name: "Письмо",
    folder: "Письма/{yyyy}",
    numbering: "П-{n:3}",
    statuses: { new: "Новое", sent: "Отправлено" },
    final: { done: "Исполнено" },
    fields: [{ key: "summary", label: "Краткое содержание", type: "text" }],
  });
  const letter = pdfFile("letter.pdf", "Accessibility letter");
  const document = { typeId: type.id, title: "Письмо о доступности", companyId: company.id, file: letter };
  ids.document = (await uploadDocument(api, document)).id;
  const process = await createProcess(api, {
    code: `review_${suffix}`,
    name: "Проверка писем",
    stages: { new: "Новое", review: "На проверке" },
    success: { ok: "Принято" },
    failure: { no: "Отклонено" },
  });
  ids.process = process.id;
  const approval = { approvers: [me.id], mode: "any", onApprove: "ok", onReject: "no" };
  await addRobot(api, process.id, "review", "requestApproval", approval);
  await addRobot(api, process.id, "review", "notify", {
    to: [me.id],
    message: "Письмо «{{item.title}}» ждёт проверки",
  });
  const item = await api.post(`/api/processes/${process.id}/items`, { title: ITEM, companyId: company.id });
  ids.item = item.id;
  await api.post(`/api/processes/${process.id}/items`, { title: "Второе письмо" });
  await api.post(`/api/items/${item.id}/stage`, { stage: "review" });
  for (let i = 0; i < 50 && (await api.get("/api/approvals?state=pending")).items.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  session = await newSession(browser, { locale: "ru-RU", viewport: VIEWPORTS.laptop, reducedMotion: "reduce" });
  // The "item not found" screen asks for an item that does not exist; the browser logs its 404s.
  session.expectError(/\/api\/items\/00000000-0000-4000-8000-000000000000/);
  await signIn(session.page, ADMIN.email, ADMIN.password);
});

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  for (const language of ["ru", "en"] as Language[]) {
    test(`sign-in: no serious or critical violation (${language}, ${viewport})`, async ({ browser }) => {
      const visitor = await newSession(browser, {
        locale: language === "ru" ? "ru-RU" : "en-US",
        viewport: VIEWPORTS[viewport],
        reducedMotion: "reduce",
      });
      const { page } = visitor;
      await page.goto("/login");
      await page.getByRole("button", { name: tr(language, "auth.signIn") }).waitFor();
      const found = await check(page, `${language}-${viewport}-sign-in`);
      visitor.expectError(/401|Unauthorized/);
      await page.getByLabel(tr(language, "fields.email")).fill(ADMIN.email);
      await page.getByLabel(tr(language, "fields.password")).fill("wrong-password");
      await page.getByRole("button", { name: tr(language, "auth.signIn") }).click();
      await page.getByRole("alert").waitFor();
      found.push(...(await check(page, `${language}-${viewport}-sign-in-error`)));
      await visitor.close();
      if (found.length > 0) throw new Error(`${found.length} blocking violations:\n${found.join("\n")}`);
    });

    // One test per screen (a failure names it), all in the one signed-in browser context.
    for (const screen of SCREENS) {
      test(`${screen.name}: no serious or critical violation (${language}, ${viewport})`, async () => {
        const { page } = session;
        await page.setViewportSize(VIEWPORTS[viewport]);
        await page.evaluate((lang) => localStorage.setItem("docket.language", lang), language);
        await page.goto(screen.path());
        await screen.ready(page, language);
        await screen.open?.(page, language);
        const layered = screen.open !== undefined && (await page.locator(LAYERS).count()) > 0;
        const found = await check(page, `${language}-${viewport}-${screen.name}`, layered ? LAYERS : undefined);
        if (found.length > 0) throw new Error(`${found.length} blocking violations:\n${found.join("\n")}`);
      });
    }
  }
}

// Focus visible everywhere (WCAG 2.4.7): every Tab stop of every screen and open dialog shows a focus ring. Once, in
// Russian at laptop size: the focus styles do not depend on the language, and the phone's controls are the same ones.
for (const screen of SCREENS) {
  test(`${screen.name}: every Tab stop shows a focus ring (ru, laptop)`, async () => {
    const { page } = session;
    await page.setViewportSize(VIEWPORTS.laptop);
    await page.evaluate(() => localStorage.setItem("docket.language", "ru"));
    await page.goto(screen.path());
    await screen.ready(page, "ru");
    await screen.open?.(page, "ru");
    const missing = await stopsWithoutRing(page, FOCUS_STOPS);
    if (missing.length > 0) throw new Error(`no visible focus ring on:\n${missing.join("\n")}`);
  });
}

test("a field's error is tied to the field and announced", async () => {
  const { page } = session;
  await page.setViewportSize(VIEWPORTS.laptop);
  await page.evaluate(() => localStorage.setItem("docket.language", "ru"));
  await page.goto("/companies");
  await page.getByRole("button", { name: tr("ru", "companies.create") }).click();
  const inn = page.getByRole("dialog").getByLabel(tr("ru", "fields.inn"));
  await inn.fill("7707083890");
  await page.getByText(tr("ru", "companies.innInvalid")).waitFor();
  expect(await inn.getAttribute("aria-invalid")).toBe("true");
  const described = await inn.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id))
      .filter((node) => node !== null)
      .map((node) => ({ text: node.textContent, live: node.getAttribute("aria-live") ?? node.getAttribute("role") })),
  );
  expect(described).toContainEqual({ text: tr("ru", "companies.innInvalid"), live: "alert" });
  await page.keyboard.press("Escape");
});

test.afterAll(async () => {
  await session?.close();
  session?.assertNoConsoleErrors();
});
