import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentType, makeDocx, makePdf, uploadDocument, uploadVersion } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";

const t = await createTestApp();
afterAll(async () => t.close());
const type = await createDocumentType(t.admin);

const search = async (q: string, extra = "") =>
  (await t.admin.get(`/api/documents?q=${encodeURIComponent(q)}${extra}`)).body.items.map((d: any) => d.id);

const upload = async (file: Buffer, name: string, title: string) =>
  (await uploadDocument(t.admin, { typeId: type.id, file, name, title })).body;

describe("full-text search", () => {
  let pdfDoc: any;
  let docxDoc: any;
  let textDoc: any;
  let brokenDoc: any;

  beforeAll(async () => {
    pdfDoc = await upload(
      makePdf(["Договор поставки оборудования", "Поставщик обязуется передать станки"]),
      "scan.pdf",
      "Поставка",
    );
    docxDoc = await upload(
      makeDocx(["Акт сверки взаиморасчётов", "Стороны подтверждают отсутствие задолженности"]),
      "akt.docx",
      "Акт",
    );
    textDoc = await upload(Buffer.from("Служебная записка о командировке в Казань", "utf8"), "memo.txt", "Записка");
    brokenDoc = await upload(Buffer.from("%PDF-1.4 this is not really a pdf"), "broken.pdf", "Повреждённый скан");
    await t.runJobs();
  });

  it("finds words inside PDF, DOCX and plain text after the extraction job", async () => {
    expect(await search("оборудования")).toEqual([pdfDoc.id]);
    expect(await search("задолженности")).toEqual([docxDoc.id]);
    expect(await search("Казань")).toEqual([textDoc.id]);
  });

  it("matches Russian word forms: 'договора' finds 'Договор', 'станков' finds 'станки'", async () => {
    expect(await search("договора")).toEqual([pdfDoc.id]);
    expect(await search("станков")).toEqual([pdfDoc.id]);
    expect(await search("актов сверки")).toEqual([docxDoc.id]);
    expect(await search("командировки")).toEqual([textDoc.id]);
  });

  it("q also matches the number and the title", async () => {
    expect(await search(textDoc.number)).toEqual([textDoc.id]);
    expect(await search("записки")).toEqual([textDoc.id]);
  });

  it("still registers (and finds by title) a file whose text cannot be extracted", async () => {
    expect(brokenDoc.number).toMatch(/^Д-2026-\d{4}$/);
    expect(await search("повреждённый")).toEqual([brokenDoc.id]);
  });

  it("combines q with the other filters and finds nothing for unknown words", async () => {
    expect(await search("оборудования", "&status=signed")).toEqual([]);
    expect(await search("оборудования", `&typeId=${type.id}&status=draft`)).toEqual([pdfDoc.id]);
    expect(await search("несуществующееслово")).toEqual([]);
  });

  it("re-indexes a new version's text and drops the old one", async () => {
    const v2 = await uploadVersion(t.admin, textDoc.id, { name: "memo2.txt", content: "Приказ об отпуске" });
    expect(v2.status).toBe(201);
    await t.runJobs();
    expect(await search("отпуске")).toEqual([textDoc.id]);
    expect(await search("Казань")).toEqual([]);
  });
});
