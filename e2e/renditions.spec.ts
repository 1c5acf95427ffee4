/**
 * Previews on the document card: the demo's own Cyrillic PDF (which used to render as a blank page) and a DOCX
 * converted by LibreOffice are drawn with pdf.js, and the registry shows first-page thumbnails.
 */
import type { Page } from "@playwright/test";
import { makeDocx, makePdf } from "../server/src/demo/sample-files.js";
import { ApiClient } from "./lib/api.js";
import { ADMIN, newSession, screenshot, signIn, type Session } from "./lib/browser.js";
import { assert, test } from "./lib/test.js";
import { createDocumentType, uploadDocument } from "./lib/fixtures.js";

test.describe.configure({ mode: "serial" });

let admin: Session;
let api: ApiClient;
const docs: Record<string, { id: string; number: string }> = {};

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function uploadFile(typeId: string, name: string, mimeType: string, buffer: Buffer) {
  return uploadDocument(api, { typeId, file: { name, mimeType, buffer } });
}

/** Dark pixels on the first page's canvas: a blank page has none. */
async function inkOnFirstPage(page: Page): Promise<number> {
  const canvas = page.getByTestId("pdf-preview").locator("canvas").first();
  await canvas.waitFor();
  for (let attempt = 0; attempt < 20; attempt++) {
    const ink = await canvas.evaluate((node) => {
      const element = node as HTMLCanvasElement;
      const data = element.getContext("2d")!.getImageData(0, 0, element.width, element.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
      return dark;
    });
    if (ink > 0) return ink;
    await page.waitForTimeout(250);
  }
  return 0;
}

test("PDF and DOCX cards draw their pages, and the registry shows thumbnails", async ({ browser }) => {
  admin = await newSession(browser);
  api = await ApiClient.signIn(ADMIN.email, ADMIN.password);
  const type = await createDocumentType(api, {
    code: `preview${Date.now().toString(36)}`,
    name: "Письмо",
    folder: "Письма/{yyyy}",
    numbering: "П-{n:4}",
    statuses: { new: "Новое" },
  });
  docs.pdf = await uploadFile(
    type.id,
    "Письмо.pdf",
    "application/pdf",
    makePdf(["Уважаемые коллеги!", "Направляем счёт за поставку оборудования."]),
  );
  docs.docx = await uploadFile(
    type.id,
    "Договор.docx",
    DOCX,
    makeDocx(["Договор аренды помещения", "Арендатор вносит плату ежемесячно"]),
  );
  docs.broken = await uploadFile(type.id, "Битый.docx", DOCX, Buffer.from("PK\u0003\u0004 not a zip archive"));
  for (const doc of Object.values(docs)) {
    let state = "pending";
    for (let i = 0; i < 240 && state === "pending"; i++) {
      state = (await api.get<{ rendition: { state: string } }>(`/api/documents/${doc.id}`)).rendition.state;
      if (state === "pending") await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const expected = doc === docs.broken ? "failed" : "ready";
    assert(state === expected, `rendition of ${doc.number} is ${state}, not ${expected}`);
  }

  const { page } = admin;
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/documents/${docs.pdf.id}`);
  assert((await inkOnFirstPage(page)) > 500, "the demo's Cyrillic PDF is drawn, not a blank page");
  await screenshot(page, "20-pdf-preview");

  await page.goto(`/documents/${docs.docx.id}`);
  assert((await inkOnFirstPage(page)) > 500, "the DOCX's PDF rendition is drawn");
  await screenshot(page, "21-docx-preview");

  // A file that cannot be converted says why, in the reader's language.
  await page.goto(`/documents/${docs.broken.id}`);
  await page.getByTestId("rendition-unavailable").getByText("Причина: файл повреждён или не читается.").waitFor();
  await screenshot(page, "23-broken-docx");

  await page.goto("/documents");
  const thumbnail = page
    .getByTestId("document-row")
    .filter({ hasText: docs.docx.number })
    .getByTestId("document-thumbnail");
  await thumbnail.waitFor();
  await page.waitForFunction(
    (number) =>
      Array.from(document.querySelectorAll<HTMLImageElement>("[data-testid=document-thumbnail]")).some(
        (img) => img.alt.includes(number) && img.complete && img.naturalWidth > 0,
      ),
    docs.docx.number,
  );
  await screenshot(page, "22-registry-thumbnails");
  admin.assertNoConsoleErrors();
  await admin.close();
});
