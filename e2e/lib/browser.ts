import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000";
export const ADMIN = {
  email: process.env.E2E_ADMIN_EMAIL ?? "admin@example.com",
  password: process.env.E2E_ADMIN_PASSWORD ?? "admin-password-1",
};
const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? path.resolve(import.meta.dirname, "../screenshots");

let browser: Browser | null = null;

async function getBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return browser;
}

/** After a failed step: a screenshot of every open page, to see what the browser saw. */
export async function screenshotOpenPages(label: string): Promise<void> {
  const pages = browser?.contexts().flatMap((context) => context.pages()) ?? [];
  for (const [index, page] of pages.entries()) {
    await screenshot(page, `FAILED-${label}-${index}`).catch(() => undefined);
  }
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/** A browser context whose console errors are collected; a step may declare one it expects (a refused move's 409). */
export interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
  expectError: (pattern: RegExp) => void;
  assertNoConsoleErrors: () => void;
  close: () => Promise<void>;
}

export async function newSession(
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Session> {
  const context = await (
    await getBrowser()
  ).newContext({
    baseURL: BASE_URL,
    locale: options.locale ?? "ru-RU",
    viewport: options.viewport ?? { width: 1366, height: 860 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const expected: RegExp[] = [];
  const record = (text: string) => {
    if (!expected.some((pattern) => pattern.test(text))) errors.push(text);
  };
  page.on("console", (message) => {
    if (message.type() === "error") record(`${message.text()} @ ${message.location().url}`);
  });
  page.on("pageerror", (error) => record(`pageerror: ${error.message}`));
  return {
    context,
    page,
    errors,
    expectError: (pattern) => expected.push(pattern),
    assertNoConsoleErrors: () => {
      if (errors.length > 0) throw new Error(`Console errors:\n${errors.join("\n")}`);
    },
    close: () => context.close(),
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/Эл. почта|Email/).fill(email);
  await page.getByLabel(/Пароль|Password/).fill(password);
  await page.getByRole("button", { name: /Войти|Sign in/ }).click();
  await page.getByTestId("user-menu").waitFor();
}
