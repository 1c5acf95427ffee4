import ExcelJS from "exceljs";
import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { xlsxStream, type XlsxCell } from "./xlsx.js";

const BATCH = 500;

/** `batches` of 500 rows as the registry export yields them, counting how many the writer has asked for. */
function registryLike(batches: number) {
  const progress = { pulled: 0 };
  async function* rows(): AsyncGenerator<XlsxCell[][]> {
    for (let b = 0; b < batches; b++) {
      await new Promise((resolve) => setImmediate(resolve));
      progress.pulled++;
      yield Array.from({ length: BATCH }, (_, i) => {
        const n = b * BATCH + i + 1;
        return [`Д-${n}`, { date: "2026-03-01" }, `Договор поставки № ${n} с ООО «Ёлка»`, n * 1.5];
      });
    }
  }
  return { rows: rows(), progress };
}

const columns = [
  { header: "Номер" },
  { header: "Дата", numFmt: "dd.mm.yyyy" },
  { header: "Заголовок" },
  { header: "Сумма" },
];

async function readAll(stream: Readable): Promise<ExcelJS.Worksheet> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return sheet;
}

describe("xlsxStream", () => {
  it("holds the rows back while nobody reads the file, then writes them all", async () => {
    const { rows, progress } = registryLike(120);
    const stream = xlsxStream("Реестр", columns, rows);
    // A client that does not read: without back-pressure the writer takes every batch and queues the sheet's XML in
    // the zip's deflate stream (all 60,000 rows here). With it, what waits is a few 16-64 KB buffers along the pipe.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(progress.pulled).toBeLessThanOrEqual(30);

    const sheet = await readAll(stream);
    expect(progress.pulled).toBe(120);
    expect(sheet.name).toBe("Реестр");
    expect(sheet.rowCount).toBe(1 + 120 * BATCH);
    expect(sheet.getRow(1).values).toEqual([undefined, "Номер", "Дата", "Заголовок", "Сумма"]);
    const last = sheet.getRow(1 + 120 * BATCH);
    expect(last.getCell(1).value).toBe("Д-60000");
    expect(last.getCell(2).value).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(last.getCell(3).value).toBe("Договор поставки № 60000 с ООО «Ёлка»");
    expect(last.getCell(4).value).toBe(90000);
  });

  it("writes 100,000 rows for a reader that keeps up without queueing the sheet's XML in memory", async () => {
    const { rows } = registryLike(200);
    const before = process.memoryUsage();
    const outside = (m: NodeJS.MemoryUsage) => m.external + m.arrayBuffers;
    let peak = outside(before);
    const sampler = setInterval(() => (peak = Math.max(peak, outside(process.memoryUsage()))), 5);
    let bytes = 0;
    try {
      for await (const chunk of xlsxStream("Реестр", columns, rows)) bytes += (chunk as Buffer).length;
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, outside(process.memoryUsage()));
    expect(bytes).toBeGreaterThan(1_000_000);
    // Buffers live outside the JS heap: without back-pressure into deflate, rows came faster than it compressed them
    // and 57 MB of XML waited there (measured on exceljs's own writer); with it, about 2 MB.
    expect((peak - outside(before)) / 1e6).toBeLessThan(24);
  });

  it("stops asking for rows once the reader has gone away", async () => {
    const { rows, progress } = registryLike(60);
    const stream = xlsxStream("Реестр", columns, rows);
    for await (const _chunk of stream) break; // the client took a first chunk and closed the connection
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stream.destroyed).toBe(true);
    expect(progress.pulled).toBeLessThan(60);
  });
});
