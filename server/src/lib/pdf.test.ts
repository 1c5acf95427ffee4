import { describe, expect, it } from "vitest";
import { pdfText } from "../../test/pdf-text.js";
import { renderPdf } from "./pdf.js";

const createdAt = new Date("2026-03-02T09:00:00.000Z");

describe("renderPdf", () => {
  it("writes Cyrillic text that reads back from the PDF", async () => {
    const bytes = await renderPdf(
      [
        { text: "Лист согласования", style: "title" },
        {
          table: {
            headerRows: 1,
            body: [
              ["Согласующий", "Решение", "Замечание"],
              ["Иванова Мария Петровна", "Согласовано с замечаниями", "Уточнить срок оплаты (пункт 4.2)"],
            ],
          },
        },
        "Договор № Д-2026-0001, ёлка ЁЖИК",
      ],
      { title: "Лист согласования", createdAt },
      { styles: { title: { fontSize: 14, bold: true } } },
    );
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = (await pdfText(bytes)).replace(/\s+/g, " ");
    expect(text).toContain("Лист согласования");
    expect(text).toContain("Иванова Мария Петровна");
    expect(text).toContain("Согласовано с замечаниями");
    expect(text).toContain("Уточнить срок оплаты (пункт 4.2)");
    expect(text).toContain("Договор № Д-2026-0001, ёлка ЁЖИК");
  });

  it("gives the same bytes for the same content and date", async () => {
    const render = () => renderPdf(["Проверка — повтор"], { title: "Повтор", createdAt });
    const [a, b] = await Promise.all([render(), render()]);
    expect(a.equals(b)).toBe(true);
    const later = await renderPdf(["Проверка — повтор"], { title: "Повтор", createdAt: new Date("2026-03-03") });
    expect(later.equals(a)).toBe(false);
  });

  it("never reads files or URLs named in a definition", async () => {
    await expect(renderPdf([{ image: "/etc/passwd" }], { title: "x", createdAt })).rejects.toThrow(/access policy/);
    await expect(renderPdf([{ image: "https://example.invalid/a.png" }], { title: "x", createdAt })).rejects.toThrow(
      /access policy/,
    );
  });
});
