import { describe, expect, it } from "vitest";
import { stemRussian } from "../../lib/russian-stemmer.js";
import { contentDisposition } from "./content-disposition.js";
import {
  calendarParts,
  driveFileName,
  periodKey,
  renderFolderPath,
  renderNumber,
  sanitizeName,
  sanitizeUploadName,
} from "@docket/common";

describe("numbering", () => {
  const parts = calendarParts(new Date("2026-03-02T09:00:00Z"), "Europe/Moscow");

  it("renders every token, padding {n:W}", () => {
    expect(renderNumber("Д-{yyyy}-{n:4}", parts, 7)).toBe("Д-2026-0007");
    expect(renderNumber("{yy}{mm}/{n}", parts, 12345)).toBe("2603/12345");
  });

  it("reads the calendar in the configured time zone", () => {
    const newYearsEve = new Date("2026-12-31T22:00:00Z");
    expect(calendarParts(newYearsEve, "Europe/Moscow")).toEqual({ yyyy: "2027", yy: "27", mm: "01" });
    expect(calendarParts(newYearsEve, "UTC")).toEqual({ yyyy: "2026", yy: "26", mm: "12" });
  });

  it("keys counters by period", () => {
    expect([periodKey("never", parts), periodKey("year", parts), periodKey("month", parts)]).toEqual([
      "",
      "2026",
      "2026-03",
    ]);
  });

  it("renders folders with sanitized company and type names", () => {
    expect(renderFolderPath("/Договоры/{yyyy}/{company}", { ...parts, type: "Д", company: "../ООО A/B" })).toBe(
      "/Договоры/2026/_ООО A_B",
    );
  });
});

describe("names", () => {
  it("sanitizes uploaded names: no path parts, no control characters, bounded length", () => {
    expect(sanitizeUploadName("C:\\Users\\me\\Договор.pdf")).toBe("Договор.pdf");
    expect(sanitizeUploadName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeUploadName("a\u0000b\u202ec.txt")).toBe("abc.txt");
    expect(sanitizeUploadName("...")).toBe("file");
    const long = sanitizeName(`${"я".repeat(500)}.docx`);
    expect([...long].length).toBe(200);
    expect(long.endsWith(".docx")).toBe(true);
  });

  it("names drive entries '{number} {title}.{ext}'", () => {
    expect(driveFileName("Д-2026-0001", "Поставка", "скан.PDF")).toBe("Д-2026-0001 Поставка.pdf");
    expect(driveFileName("N/1", "Без расширения", "README")).toBe("N_1 Без расширения");
  });

  it("writes an RFC 5987 Content-Disposition", () => {
    expect(contentDisposition("Счёт №5 (копия).pdf")).toBe(
      `attachment; filename="____ _5 (_____).pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%E2%84%965%20%28%D0%BA%D0%BE%D0%BF%D0%B8%D1%8F%29.pdf`,
    );
  });
});

describe("Russian stemming", () => {
  it("brings word forms to one stem", () => {
    for (const [a, b] of [
      ["договора", "договор"],
      ["договорами", "договоры"],
      ["поставки", "поставка"],
      ["счёта", "счет"],
    ])
      expect(stemRussian(a ?? "")).toBe(stemRussian(b ?? ""));
  });
});

describe("renderFolderPath never yields '.' or '..' segments", () => {
  it("cleans every segment, the template's own text included", () => {
    const parts = calendarParts(new Date("2026-03-02T09:00:00Z"), "Europe/Moscow");
    const path = renderFolderPath("Архив/.\u200b./{company}/./x", { ...parts, type: "Д", company: ".." });
    expect(path.split("/").filter((s) => s === "." || s === "..")).toEqual([]);
  });
});
