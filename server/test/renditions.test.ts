import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { enqueueJob } from "../src/jobs/queue.js";
import { z } from "zod";
import { defineJob } from "../src/jobs/definition.js";
import { detectConverters } from "../src/modules/documents/renditions/converters.js";
import { createDocumentType, makeDocx, makePdf, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestApp, type TestClient } from "./harness.js";
import { imagePdf, makeXlsx, manyPagePdf, png, scannedPage, zipBombDocx } from "./rendition-fixtures.js";

// Real LibreOffice, OCRmyPDF/Tesseract and poppler. Locally a machine without them skips; CI must have them.
const converters = await detectConverters(loadConfig({}).renditions);
const haveTools = converters.office && converters.ocr && converters.poppler;
const inCi = process.env.CI === "true";
/** The harness turns the converters off; these suites use the real ones. */
const realConverters = { renditions: loadConfig({}).renditions };

it("has LibreOffice, OCRmyPDF with Russian and poppler installed (required in CI)", () => {
  if (!inCi && !haveTools) return;
  expect(converters).toEqual({ office: true, ocr: true, poppler: true });
});

/** The text of a PDF, as poppler reads it. */
function pdfText(pdf: Buffer): string {
  const run = spawnSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  return String(run.stdout).replace(/\s+/g, " ");
}

/** Width and height from a PNG's IHDR. */
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

async function upload(t: TestApp, client: TestClient, typeId: string, name: string, file: Buffer) {
  const res = await uploadDocument(client, { typeId, file, name, title: `Файл ${name}` });
  expect(res.status).toBe(201);
  return res.body;
}

describe.skipIf(!haveTools && !inCi)("renditions with the real converters", () => {
  let t: TestApp;
  let type: any;
  const docs: Record<string, any> = {};
  const search = async (q: string) =>
    (await t.admin.get(`/api/documents?q=${encodeURIComponent(q)}`)).body.items.map((d: any) => d.id);
  const fresh = async (id: string) => (await t.admin.get(`/api/documents/${id}`)).body;

  beforeAll(async () => {
    t = await createTestApp(realConverters);
    type = await createDocumentType(t.admin);
    const page1 = scannedPage(
      ["Договор поставки оборудования № 17", "Поставщик обязуется передать станки", "Покупатель оплачивает счёт"],
      { dpi: 200, degrees: 1.2, seed: 3 },
    );
    const page2 = scannedPage(
      ["Приложение к договору", "Спецификация токарных станков", "Гарантийный срок двенадцать месяцев"],
      { dpi: 200, degrees: -0.8, seed: 5 },
    );
    const photo = scannedPage(["Служебная записка", "Прошу выделить автомобиль", "для командировки в Тверь"], {
      dpi: 200,
      degrees: 0.7,
      seed: 7,
    });
    const memo = scannedPage(["Акт приёмки работ", "Подрядчик выполнил ремонт кровли"], {
      dpi: 200,
      degrees: -1,
      seed: 11,
    });
    const files: Record<string, Buffer> = {
      docx: makeDocx(["Договор аренды помещения", "Арендатор вносит плату ежемесячно"]),
      xlsx: makeXlsx([
        ["Наименование", "Количество"],
        ["Фрезерный станок", "2"],
        ["Сверлильный инструмент", "40"],
      ]),
      scan: imagePdf([page1, page2], 200),
      photo: png(photo, 200),
      // The page shows Russian; the text layer a viewer extracts is mojibake of a broken font encoding.
      mojibake: imagePdf([memo], 200, "Àêò ïðè¸ìêè ðàáîò Ïîäðÿä÷èê âûïîëíèë"),
      textPdf: makePdf(["Счёт на оплату услуг связи", "Оплатить до конца месяца"]),
    };
    for (const [key, bytes] of Object.entries(files)) {
      const ext = { mojibake: "pdf", textPdf: "pdf", scan: "pdf", photo: "png" }[key] ?? key;
      docs[key] = await upload(t, t.admin, type.id, `${key}.${ext}`, bytes);
    }
    expect(docs.docx.rendition.state).toBe("pending");
    await t.runJobs();
  }, 300_000);
  afterAll(async () => t?.close());

  it("converts a DOCX with LibreOffice: a PDF preview with its words and a small thumbnail", async () => {
    const doc = await fresh(docs.docx.id);
    expect(doc.rendition).toMatchObject({ state: "ready", pages: 1, ocr: false, thumbnail: true });
    const preview = await t.admin.get(`/api/documents/${doc.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers["content-type"]).toBe("application/pdf");
    expect(pdfText(preview.raw)).toContain("Договор аренды помещения");
    const thumbnail = await t.admin.get(`/api/documents/${doc.id}/thumbnail`);
    expect(thumbnail.headers["content-type"]).toBe("image/png");
    expect(pngSize(thumbnail.raw).width).toBeLessThanOrEqual(320);
    expect(pngSize(thumbnail.raw).width).toBeGreaterThan(100);
  });

  it("converts an XLSX: the preview shows its cells, and the registry finds it by them", async () => {
    const doc = await fresh(docs.xlsx.id);
    expect(doc.rendition).toMatchObject({ state: "ready", ocr: false, thumbnail: true });
    const preview = await t.admin.get(`/api/documents/${doc.id}/preview`);
    const text = pdfText(preview.raw);
    expect(text).toContain("Фрезерный станок");
    expect(text).toContain("Сверлильный инструмент");
    expect(await search("фрезерный")).toEqual([doc.id]);
  });

  it("OCRs a two-page scan: found by three words printed on it, across both pages", async () => {
    const doc = await fresh(docs.scan.id);
    expect(doc.rendition).toMatchObject({ state: "ready", pages: 2, ocr: true });
    for (const word of ["оборудования", "поставщик", "спецификация"]) expect(await search(word)).toContain(doc.id);
    // Word forms work as for any text: «станков» finds «станки».
    expect(await search("станков")).toContain(doc.id);
    const preview = await t.admin.get(`/api/documents/${doc.id}/preview`);
    expect(pdfText(preview.raw)).toMatch(/Гарантийный/);
  });

  it("OCRs a PNG photo of a page into a one-page searchable PDF", async () => {
    const doc = await fresh(docs.photo.id);
    expect(doc.rendition).toMatchObject({ state: "ready", pages: 1, ocr: true, thumbnail: true });
    for (const word of ["записка", "автомобиль", "командировки"]) expect(await search(word)).toEqual([doc.id]);
    const preview = await t.admin.get(`/api/documents/${doc.id}/preview`);
    expect(preview.raw.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("OCRs a PDF whose text layer has no real words although its page shows Russian", async () => {
    const doc = await fresh(docs.mojibake.id);
    expect(doc.rendition).toMatchObject({ state: "ready", ocr: true });
    for (const word of ["приёмки", "ремонт", "кровли"]) expect(await search(word)).toEqual([doc.id]);
  });

  it("shows a PDF with a good text layer as it is, without OCR", async () => {
    const doc = await fresh(docs.textPdf.id);
    expect(doc.rendition).toMatchObject({ state: "ready", pages: 1, ocr: false, thumbnail: true });
    const preview = await t.admin.get(`/api/documents/${doc.id}/preview`);
    const original = await t.admin.get(`/api/documents/${doc.id}/file`);
    expect(preview.raw.equals(original.raw)).toBe(true);
    expect(await search("связи")).toEqual([doc.id]);
  });

  it("ends hostile and broken files as failed with a reason, and other documents still render", async () => {
    const encrypted = encryptPdf(makePdf(["Секретный приказ"]));
    const cases: [string, Buffer, RegExp][] = [
      ["encrypted.pdf", encrypted, /password/i],
      ["corrupt.docx", makeDocx(["Повреждённый"]).subarray(0, 200), /damaged/i],
      ["bomb.docx", await zipBombDocx(600), /zip bomb/i],
      ["huge-scan.pdf", manyPagePdf(500), /500 pages/],
      ["not-a.pdf", Buffer.from("%PDF-1.4 nothing else"), /damaged/i],
    ];
    const uploaded = [];
    for (const [name, bytes] of cases) uploaded.push(await upload(t, t.admin, type.id, name, bytes));
    const healthy = await upload(t, t.admin, type.id, "after.pdf", makePdf(["Письмо после вредных файлов"]));
    await t.runJobs();
    for (const [i, [, , reason]] of cases.entries()) {
      const doc = await fresh(uploaded[i].id);
      expect(doc.rendition.state, cases[i]![0]).toBe("failed");
      expect(doc.rendition.reason, cases[i]![0]).toMatch(reason);
      const preview = await t.admin.get(`/api/documents/${doc.id}/preview`);
      expect(preview.status).toBe(422);
      expect(preview.body.detail).toMatch(reason);
    }
    expect((await fresh(healthy.id)).rendition.state).toBe("ready");
  }, 120_000);
});

/** Encrypts a PDF with a user password using Ghostscript (installed with OCRmyPDF). */
function encryptPdf(pdf: Buffer): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-encrypt-"));
  try {
    fs.writeFileSync(path.join(dir, "in.pdf"), pdf);
    const run = spawnSync(
      "gs",
      [
        "-q",
        "-dBATCH",
        "-dNOPAUSE",
        "-sDEVICE=pdfwrite",
        "-sOwnerPassword=owner-secret",
        "-sUserPassword=user-secret",
        "-dEncryptionR=3",
        "-dKeyLength=128",
        `-sOutputFile=${path.join(dir, "out.pdf")}`,
        path.join(dir, "in.pdf"),
      ],
      { timeout: 60_000 },
    );
    if (run.status !== 0) throw new Error(`gs failed: ${String(run.stderr)}`);
    return fs.readFileSync(path.join(dir, "out.pdf"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!converters.office && !inCi)("render jobs beside other work", () => {
  let t: TestApp;
  const ranAt: number[] = [];
  const quickJob = defineJob({
    kind: "test.quick",
    payload: z.object({}),
    run: async () => {
      ranAt.push(Date.now());
    },
  });
  beforeAll(async () => {
    t = await createTestApp(realConverters, { jobs: [quickJob] });
  });
  afterAll(async () => t?.close());

  it("do not hold back quick jobs that fall due while a conversion runs", async () => {
    const type = await createDocumentType(t.admin);
    const until = async (condition: () => Promise<boolean> | boolean, ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end;) {
        if (await condition()) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("timed out waiting");
    };
    const state = async (id: string) => (await t.admin.get(`/api/documents/${id}`)).body.rendition.state;
    // The polling worker, as a server runs it.
    t.worker.start();
    try {
      const doc = await upload(t, t.admin, type.id, "first.docx", makeDocx(["Первый договор"]));
      const renderClaimed = async () => {
        const job = await t.ctx.db
          .selectFrom("jobs")
          .select("lockedBy")
          .where("kind", "=", "documents.render")
          .executeTakeFirst();
        return Boolean(job?.lockedBy);
      };
      await until(renderClaimed, 10_000);
      await enqueueJob(t.ctx.db, quickJob, {});
      t.ctx.wakeWorker();
      await until(() => ranAt.length === 1, 30_000);
      expect(await state(doc.id)).toBe("pending");
      await until(async () => (await state(doc.id)) !== "pending", 120_000);
      expect(await state(doc.id)).toBe("ready");
    } finally {
      await t.worker.stop();
    }
  }, 150_000);
});

describe("without converters", () => {
  let t: TestApp;
  let type: any;
  beforeAll(async () => {
    const base = loadConfig({}).renditions;
    t = await createTestApp({ renditions: { ...base, soffice: "none", ocrmypdf: "none" } });
    type = await createDocumentType(t.admin);
  });
  afterAll(async () => t?.close());

  it("starts, says which converters are missing, and explains why a document has no preview", async () => {
    const health = await t.anonymous().get("/api/health");
    expect(health.body.converters).toEqual({ office: false, ocr: false });
    const docx = await upload(t, t.admin, type.id, "contract.docx", makeDocx(["Договор"]));
    const photo = await upload(
      t,
      t.admin,
      type.id,
      "scan.png",
      png(scannedPage(["Скан"], { dpi: 100, degrees: 0 }), 100),
    );
    const text = await upload(t, t.admin, type.id, "notes.txt", Buffer.from("Заметки"));
    expect(text.rendition).toMatchObject({ state: "unsupported", reason: "No preview for this file type" });
    await t.runJobs();
    const [d, p] = [await t.admin.get(`/api/documents/${docx.id}`), await t.admin.get(`/api/documents/${photo.id}`)];
    expect(d.body.rendition).toMatchObject({ state: "unsupported", reason: expect.stringMatching(/LibreOffice/) });
    expect(p.body.rendition).toMatchObject({ state: "unsupported", reason: expect.stringMatching(/OCR/) });
    const preview = await t.admin.get(`/api/documents/${docx.id}/preview`);
    expect(preview.status).toBe(415);
    expect(preview.body.code).toBe("unsupported_media_type");
    // The document itself is untouched: registered, numbered and downloadable.
    expect((await t.admin.get(`/api/documents/${docx.id}/file`)).status).toBe(200);
  });
});

describe.skipIf(!converters.office && !inCi)("a conversion that takes too long", () => {
  let t: TestApp;
  beforeAll(async () => {
    const base = loadConfig({}).renditions;
    t = await createTestApp({ renditions: { ...base, officeTimeoutMs: 300 } });
  });
  afterAll(async () => t?.close());

  it("is stopped and ends failed with the reason", async () => {
    const type = await createDocumentType(t.admin);
    const doc = await upload(t, t.admin, type.id, "slow.docx", makeDocx(["Медленный документ"]));
    const pending = await t.admin.get(`/api/documents/${doc.id}/preview`);
    expect(pending.status).toBe(409);
    await t.runJobs();
    const after = (await t.admin.get(`/api/documents/${doc.id}`)).body;
    expect(after.rendition).toMatchObject({ state: "failed", reason: expect.stringMatching(/longer than 0.3 s/) });
  });
});
