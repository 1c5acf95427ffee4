import type { Locator, Page } from "@playwright/test";
import { makePdf } from "./fixtures.js";

export type FilePayload = { name: string; mimeType: string; buffer: Buffer };

/** A one-page PDF named `name`, saying `text`. */
export const pdfFile = (name: string, text: string): FilePayload => ({
  name,
  mimeType: "application/pdf",
  buffer: makePdf(text),
});

/** A plain-text file named `name`. */
export const textFile = (name: string, text: string): FilePayload => ({
  name,
  mimeType: "text/plain",
  buffer: Buffer.from(text),
});

/** Opens the upload dialog with the page's upload button (the registry has two, toolbar and empty state: the first). */
export async function openUploadDialog(page: Page, button = "Загрузить документ"): Promise<Locator> {
  await page.getByRole("button", { name: button }).first().click();
  return page.getByRole("dialog");
}

/** Chooses the files in the upload dialog, as a drop or the file picker would. */
export const chooseFiles = (dialog: Locator, files: FilePayload | FilePayload[]) =>
  dialog.locator('input[type="file"]').setInputFiles(files);

/** Picks the document type by its exact name in the upload dialog. */
export async function chooseUploadType(dialog: Locator, typeName: string): Promise<void> {
  await dialog.getByTestId("upload-type").click();
  await dialog.page().getByRole("option", { name: typeName, exact: true }).click();
}
