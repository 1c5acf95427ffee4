import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000";
export const ADMIN = {
  email: process.env.E2E_ADMIN_EMAIL ?? "admin@example.com",
  password: process.env.E2E_ADMIN_PASSWORD ?? "admin-password-1",
};
const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? path.resolve(import.meta.dirname, "../screenshots");

/** A browser context whose console errors are collected; a step may declare one it expects (a refused move's 409). */
export interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
  expectError: (pattern: RegExp) => void;
  assertNoConsoleErrors: () => void;
  close: () => Promise<void>;
}

export interface SessionOptions {
  locale?: string;
  viewport?: { width: number; height: number };
  reducedMotion?: "reduce";
}

export async function newSession(browser: Browser, options: SessionOptions = {}): Promise<Session> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: options.locale ?? "ru-RU",
    viewport: options.viewport ?? { width: 1366, height: 860 },
    acceptDownloads: true,
    reducedMotion: options.reducedMotion ?? null,
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

/** A new session signed in as this person (through the sign-in page). */
export async function sessionAs(
  browser: Browser,
  person: { email: string; password: string },
  options: SessionOptions = {},
): Promise<Session> {
  const session = await newSession(browser, options);
  await signIn(session.page, person.email, person.password);
  return session;
}

/** A new session signed in as the administrator: how most steps begin. */
export function adminSession(browser: Browser, options: SessionOptions = {}): Promise<Session> {
  return sessionAs(browser, ADMIN, options);
}
