import { deflateSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { embeddedFont } from "./pdf-font.js";

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
 * A valid one-page PDF whose text is Cyrillic: DejaVu Sans, subset and embedded (Identity-H), with a ToUnicode
 * map so the text can be extracted and searched. Embedding is what makes viewers draw it: an unembedded font
 * with custom one-byte codes rendered as a blank page in pdf.js and poppler alike.
 */
export function makePdf(lines: string[]): Buffer {
  const font = embeddedFont();
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");
  const glyphs = new Map<number, string>();
  for (const ch of lines.join("")) glyphs.set(font.glyphOf(ch), ch);
  const utf16 = (ch: string) =>
    [...Buffer.from(ch, "utf16le")]
      .reduce<number[]>((acc, byte, i, all) => (i % 2 === 0 ? [...acc, (all[i + 1] ?? 0) * 256 + byte] : acc), [])
      .map((unit) => hex(unit, 4))
      .join("");
  const bfchar = [...glyphs].filter(([glyph]) => glyph !== 0).map(([glyph, ch]) => `<${hex(glyph, 4)}> <${utf16(ch)}>`);
  const cmapBlocks: string[] = [];
  for (let i = 0; i < bfchar.length; i += 100) {
    const block = bfchar.slice(i, i + 100);
    cmapBlocks.push(`${block.length} beginbfchar\n${block.join("\n")}\nendbfchar`);
  }
  const cmap = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
    "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ...cmapBlocks,
    "endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  const text = lines
    .map((line, i) => {
      const codes = [...line].map((ch) => hex(font.glyphOf(ch), 4)).join("");
      return `BT /F1 12 Tf 50 ${800 - i * 20} Td <${codes}> Tj ET`;
    })
    .join("\n");
  const widths = [...glyphs.keys()]
    .sort((a, b) => a - b)
    .map((glyph) => `${glyph} [${font.widthOf(glyph)}]`)
    .join(" ");
  const program = deflateSync(font.program(glyphs.keys()));
  const name = "/DKTAAA+DejaVuSans";
  const objects: (string | Buffer)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    `<< /Type /Font /Subtype /Type0 /BaseFont ${name} /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>`,
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    `<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`,
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont ${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /W [${widths}] /CIDToGIDMap /Identity >>`,
    `<< /Type /FontDescriptor /FontName ${name} /Flags 32 /FontBBox [-1021 -463 1793 1232] /ItalicAngle 0 /Ascent 928 /Descent -236 /CapHeight 729 /StemV 80 /FontFile2 9 0 R >>`,
    Buffer.concat([
      Buffer.from(`<< /Length ${program.length} /Filter /FlateDecode >>\nstream\n`, "latin1"),
      program,
      Buffer.from("\nendstream", "latin1"),
    ]),
  ];
  return assemblePdf(objects);
}

/** A PDF file of the given objects (object n is `objects[n - 1]`; 1 is the catalog), with its cross-reference table. */
export function assemblePdf(objects: (string | Buffer)[]): Buffer {
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", "latin1")];
  let size = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(size);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, "latin1"),
      typeof body === "string" ? Buffer.from(body, "latin1") : body,
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    chunks.push(chunk);
    size += chunk.length;
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  tail += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`;
  chunks.push(Buffer.from(tail, "latin1"));
  return Buffer.concat(chunks);
}
