import type { Locator, Page } from "@playwright/test";

/** Opens the new document type dialog on the settings page; `button` is its label in the page's language. */
export async function openNewDocumentType(page: Page, button = "Новый тип документа"): Promise<Locator> {
  await page.goto("/settings/document-types");
  await page.getByRole("button", { name: button }).click();
  return page.getByRole("dialog", { name: button });
}
