import { strToU8, zipSync } from "fflate";

/** Real .docx and .pdf files with Cyrillic text, made in code: for the demo data and the tests. */

/** A minimal .docx (a zip with the three parts Word needs), one paragraph per string. */
export function makeDocx(paragraphs: string[]): Buffer {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escape(p)}</w:t></w:r></w:p>`).join("");
  const files = {
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        "</Types>",
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>",
    ),
    "word/document.xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body>${body}</w:body></w:document>`,
    ),
  };
  return Buffer.from(zipSync(files));
}

/**
 * A valid one-page PDF whose text is Cyrillic: a simple font whose one-byte codes map to Unicode through a
 * ToUnicode CMap, which is how real PDFs make such text extractable.
 */
export function makePdf(lines: string[]): Buffer {
  const chars = [...new Set(lines.join(""))];
  if (chars.length > 250) throw new Error("makePdf supports at most 250 distinct characters");
  const codeOf = new Map(chars.map((ch, i) => [ch, i + 1]));
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");
  const utf16 = (ch: string) =>
    [...Buffer.from(ch, "utf16le")]
      .reduce<number[]>((acc, byte, i, all) => (i % 2 === 0 ? [...acc, (all[i + 1] ?? 0) * 256 + byte] : acc), [])
      .map((unit) => hex(unit, 4))
      .join("");
  const bfchar = chars.map((ch) => `<${hex(codeOf.get(ch) ?? 0, 2)}> <${utf16(ch)}>`);
  const cmapBlocks: string[] = [];
  for (let i = 0; i < bfchar.length; i += 100) {
    const block = bfchar.slice(i, i + 100);
    cmapBlocks.push(`${block.length} beginbfchar\n${block.join("\n")}\nendbfchar`);
  }
  const cmap = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
    "1 begincodespacerange <00> <FF> endcodespacerange",
    ...cmapBlocks,
    "endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  const text = lines
    .map((line, i) => {
      const codes = [...line].map((ch) => hex(codeOf.get(ch) ?? 0, 2)).join("");
      return `BT /F1 12 Tf 50 ${800 - i * 20} Td <${codes}> Tj ET`;
    })
    .join("\n");
  const widths = chars.map(() => 600).join(" ");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    `<< /Type /Font /Subtype /Type1 /BaseFont /Courier /FirstChar 1 /LastChar ${chars.length} /Widths [${widths}] /ToUnicode 6 0 R >>`,
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    `<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
