/**
 * The language walk (issue 20): the main screens rendered in English show no Cyrillic letter, and in Russian no English
 * interface word. What people typed (names of companies, types, stages, items, documents, robot messages) is data,
 * not interface: it is read from the API and taken out of the page's text before the check.
 */
import type { Page } from "@playwright/test";
import { ApiClient } from "./lib/api.js";
import { ADMIN, adminSession } from "./lib/browser.js";
import { addRobot, createDocumentType, createProcess, uploadDocument } from "./lib/fixtures.js";
import { expect, test } from "./lib/test.js";
import { pdfFile } from "./lib/upload.js";

test.describe.configure({ mode: "serial" });

const suffix = Date.now().toString(36);
const ids = { company: "", process: "", item: "", document: "" };
let userData: string[] = [];

/** Latin words a Russian screen may show: brand and format names, units and codes. */
const ALLOWED_LATIN = new Set(
  [
    "Docket",
    "PDF",
    "DOCX",
    "XLSX",
    "CSV",
    "Excel",
    "Ctrl",
    "ISO",
    "URL",
    "API",
    "HMAC",
    "SHA",
    "sha256",
    "Webhook",
    "OpenID",
    "LDAP",
    "IMAP",
    "SMTP",
    "WebDAV",
    "Email",
    "e-mail",
    "admin",
    "example",
    "com",
    "amount",
    "document",
    "item",
    "title",
    "stage",
    "company",
    "name",
    "responsible",
    "number",
    "yyyy",
    "yy",
    "mm",
    "n",
    "type",
    "ru",
    "en",
    "ocr",
    "ocrmypdf",
    "tesseract",
    "enter",
    "id",
  ].map((w) => w.toLowerCase()),
);

test.beforeAll(async () => {
  const admin = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const me = await admin.get<{ id: string }>("/api/auth/me").then((r: any) => r.user ?? r);
  const company = await admin.post<{ id: string }>("/api/companies", { name: `Acme Trading ${suffix}` });
  ids.company = company.id;
  const type = await createDocumentType(admin, {
    code: `walk_${suffix}`,
    name: `Walk Contract ${suffix}`,
    folder: "Walk/{yyyy}",
    numbering: `W${suffix}-{n:3}`,
    statuses: { draft: "Walk draft" },
    final: { done: "Walk done" },
    fields: [{ key: "amount", label: "Walk amount", type: "money" }],
  });
  const process = await createProcess(admin, {
    code: `walk_${suffix}`,
    name: `Walk Approval ${suffix}`,
    stages: { new: "Walk new", review: "Walk review" },
    success: { ok: "Walk agreed" },
    failure: { no: "Walk refused" },
  });
  ids.process = process.id;
  const approval = { approvers: [me.id], mode: "any", onApprove: "ok", onReject: "no" };
  await addRobot(admin, process.id, "review", "requestApproval", approval);
  const bigDeals = { condition: { field: "amount", op: "gt", value: 1000 } };
  await addRobot(admin, process.id, "review", "notify", { to: [me.id], message: `Walk message ${suffix}` }, bigDeals);
  const item = await admin.post<{ id: string }>(`/api/processes/${process.id}/items`, {
    title: `Walk deal ${suffix}`,
    companyId: company.id,
  });
  ids.item = item.id;
  ids.document = (
    await uploadDocument(admin, {
      itemId: item.id,
      typeId: type.id,
      title: `Walk supply agreement ${suffix}`,
      fields: { amount: 5000 },
      file: pdfFile("walk.pdf", "Walk"),
    })
  ).id;
  await admin.post(`/api/items/${item.id}/stage`, { stage: "review" });

  // Everything people named: taken out of the page text before the check.
  const list = async (url: string) => (await admin.get<{ items: any[] }>(url)).items ?? [];
  const names = new Set<string>();
  const add = (value: unknown) => typeof value === "string" && value.trim() && names.add(value.trim());
  for (const t of await list("/api/document-types?limit=200")) {
    add(t.name);
    t.statuses?.forEach((s: any) => add(s.name));
    t.fields?.forEach((f: any) => add(f.label));
    add(t.folder);
    add(t.numbering?.template);
    add(t.code);
  }
  for (const p of await list("/api/processes?limit=200")) {
    add(p.name);
    add(p.code);
    p.stages?.forEach((s: any) => add(s.name));
    for (const r of await list(`/api/processes/${p.id}/robots`)) add(r.params?.message);
    for (const i of await list(`/api/processes/${p.id}/items?limit=200`)) add(i.title);
  }
  for (const c of await list("/api/companies?limit=200")) add(c.name);
  for (const u of await list("/api/users?limit=200")) add(u.name);
  for (const d of await list("/api/documents?limit=200")) {
    add(d.title);
    add(d.number);
    add(d.folder?.path);
    add(d.file?.name);
  }
  for (const n of await list("/api/notifications?limit=200")) add(n.text);
  userData = [...names].sort((a, b) => b.length - a.length);
});

const SCREENS: { name: string; path: () => string }[] = [
  { name: "registry", path: () => "/documents" },
  { name: "document card", path: () => `/documents/${ids.document}` },
  { name: "item card", path: () => `/items/${ids.item}` },
  { name: "kanban", path: () => `/processes/${ids.process}` },
  { name: "approvals", path: () => "/approvals" },
  { name: "notifications", path: () => "/notifications" },
  { name: "company card", path: () => `/companies/${ids.company}` },
  { name: "users", path: () => "/settings/users" },
  { name: "document types", path: () => "/settings/document-types" },
  { name: "processes", path: () => "/settings/processes" },
  { name: "process editor", path: () => `/settings/processes/${ids.process}` },
  { name: "departments", path: () => "/settings/departments" },
  { name: "calendar", path: () => "/settings/calendar" },
  { name: "audit", path: () => "/settings/audit" },
];

async function visibleText(page: Page): Promise<string> {
  await page.waitForLoadState("networkidle");
  await page.getByRole("heading").first().waitFor();
  await page.waitForTimeout(300);
  // innerText applies text-transform (badges are upper case): compare in lower case. Content marked translate="no"
  // (raw records such as the audit log's details) and code are data, not interface.
  const raw = await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = '[translate="no"], code, pre, kbd { display: none !important; }';
    document.head.append(style);
    const shown = document.body.innerText;
    style.remove();
    return shown;
  });
  let text = raw.toLowerCase();
  for (const value of userData) text = text.split(value.toLowerCase()).join(" ");
  // Emails, dates, numbers and ids are data too.
  return text.replace(/\S+@\S+/g, " ").replace(/\b[0-9a-f]{8}-[0-9a-f-]{27}\b/g, " ");
}

for (const [locale, language] of [
  ["en-US", "en"],
  ["ru-RU", "ru"],
] as const) {
  test(`every main screen in ${language === "en" ? "English has no Cyrillic letter" : "Russian has no English word"}`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const session = await adminSession(browser, { locale, viewport: { width: 1440, height: 900 } });
    const { page } = session;
    const found: string[] = [];
    for (const screen of SCREENS) {
      await page.goto(screen.path());
      const text = await visibleText(page);
      const offending =
        language === "en"
          ? text.split("\n").filter((line) => /[А-Яа-яЁё]/.test(line))
          : [...new Set(text.match(/[A-Za-z][A-Za-z-]*/g) ?? [])].filter((w) => !ALLOWED_LATIN.has(w.toLowerCase()));
      if (offending.length > 0) found.push(`${screen.name}: ${offending.slice(0, 25).join(" | ")}`);
    }
    expect(found).toEqual([]);
    await session.close();
  });
}
