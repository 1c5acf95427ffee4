import { afterAll, describe, expect, it } from "vitest";
import { extractTextInThread, setThreadLimits } from "../src/modules/documents/text-extraction-thread.js";
import { createDocumentType, makeDocx, uploadDocument } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";
import { makeBombDocx, makeManyPagePdf, makeOdt, makeTruncatedPdf, makeXlsx } from "./hostile-files.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const t = await createTestApp();
afterAll(async () => t.close());
const type = await createDocumentType(t.admin);

const search = async (q: string) =>
  (await t.admin.get(`/api/documents?q=${encodeURIComponent(q)}`)).body.items.map((d: { id: string }) => d.id);

async function failedExtraction(documentNumber: string): Promise<{ lastError: string; attempts: number } | undefined> {
  const failed = (await t.admin.get("/api/jobs?state=failed&limit=200")).body.items;
  return failed.find(
    (job: { kind: string; lastError: string }) =>
      job.kind === "documents.extractText" && job.lastError.includes(`${documentNumber} `),
  );
}

async function upload(file: Buffer, name: string, title: string) {
  const response = await uploadDocument(t.admin, { typeId: type.id, file, name, title });
  expect(response.status).toBe(201);
  return response.body as { id: string; number: string };
}

describe("reading hostile files", () => {
  it("gives up on an archive bomb, a 20,000-page PDF and a cut-off PDF with a reason, and keeps them registered", async () => {
    const bomb = await upload(await makeBombDocx(300), "bomb.docx", "Бомба");
    const pages = await upload(makeManyPagePdf(20_000), "pages.pdf", "Двадцать тысяч страниц");
    const cut = await upload(makeTruncatedPdf(), "cut.pdf", "Обрезанный скан");
    await t.runJobs();
    expect((await failedExtraction(bomb.number))?.lastError).toMatch(/word\/document\.xml inflates to over 200 times/);
    expect((await failedExtraction(pages.number))?.lastError).toMatch(/20000 pages/);
    expect((await failedExtraction(cut.number))?.lastError).toMatch(/cut off/);
    for (const doc of [bomb, pages, cut]) expect((await failedExtraction(doc.number))?.attempts).toBe(1);
    // Still registered and found by their titles; nothing of the bomb's text was indexed.
    expect(await search("Бомба")).toEqual([bomb.id]);
    expect(await search("бомба Бомба")).toEqual([bomb.id]);
    expect(await search("обрезанный")).toEqual([cut.id]);
    expect(await search("обрыва")).toEqual([]);
  });

  it("reads ODT and XLSX text, and a large document only up to the text cap", async () => {
    const odt = await upload(makeOdt(["Протокол разногласий", "к договору аренды"]), "p.odt", "Протокол");
    const xlsx = await upload(makeXlsx(["Спецификация", "Фрезерный станок"]), "s.xlsx", "Спецификация");
    const paragraphs = Array.from({ length: 60_000 }, (_, i) => `Пункт ${i} обычного длинного договора`);
    const big = await upload(makeDocx(["Начало: неустойка", ...paragraphs, "Конец: арбитраж"]), "big.docx", "Большой");
    await t.runJobs();
    expect(await search("разногласий")).toEqual([odt.id]);
    expect(await search("фрезерный")).toEqual([xlsx.id]);
    expect(await search("неустойка")).toEqual([big.id]); // within the first 2,000,000 characters
    expect(await search("арбитраж")).toEqual([]); // past them
    expect(await failedExtraction(big.number)).toBeUndefined();
  });

  it("abandons a file that takes longer than the time limit, and reads the next file on a fresh thread", async () => {
    setThreadLimits({ timeoutMs: 1 });
    const slow = await upload(makeDocx(["Медленный файл"]), "slow.docx", "Медленный");
    await t.runJobs();
    expect((await failedExtraction(slow.number))?.lastError).toMatch(/took longer than/);
    setThreadLimits({ timeoutMs: 30_000 });
    const next = await upload(makeDocx(["Следующий документ читается"]), "next.docx", "Следующий");
    await t.runJobs();
    expect(await search("читается")).toEqual([next.id]);
  });

  it("reads the file again on a fresh thread when the thread stops for a reason of its own", async () => {
    const reading = extractTextInThread(makeDocx(["Поток остановлен посреди чтения"]), DOCX);
    setThreadLimits({}); // stops the thread that is reading, as a crash would
    expect(await reading).toContain("посреди чтения");
  });

  it("records a thread that runs out of memory as the file's failure; the process goes on", async () => {
    setThreadLimits({ heapMb: 1 });
    const doc = await upload(makeDocx(["Память"]), "memory.docx", "Память");
    await t.runJobs();
    expect((await failedExtraction(doc.number))?.lastError).toMatch(/more than the 1 MB of memory/);
    setThreadLimits({ heapMb: 128 });
    expect((await t.admin.get("/api/health")).status).toBe(200);
  });
});
