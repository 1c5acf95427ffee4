import { createRequire } from "node:module";
import path from "node:path";
import { unzipSync, strFromU8 } from "fflate";

// pdf.js reads the 14 standard fonts and the CJK CMaps from its package folder; without them a PDF that uses an
// unembedded font (common in generated documents) yields no text at all.
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** Text of a stored file for the search index; undefined when the format carries no text we can read. */
export async function extractText(bytes: Buffer, mimeType: string): Promise<string | undefined> {
  if (mimeType === "application/pdf") return extractPdf(bytes);
  if (mimeType === "application/vnd.openxmlformats-officedocument.wordprocessingml.document") return extractDocx(bytes);
  if (mimeType.startsWith("text/") || mimeType === "application/json" || mimeType === "application/xml")
    return decodePlainText(bytes);
  return undefined;
}

async function extractPdf(bytes: Buffer): Promise<string> {
  // Loaded on first use: pdf.js is large and most processes never read a PDF.
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(" "));
      page.cleanup();
    }
    return pages.join("\n");
  } finally {
    await task.destroy();
  }
}

/** A .docx is a zip; its body text is the <w:t> runs of word/document.xml, a paragraph per <w:p>. */
function extractDocx(bytes: Buffer): string {
  const files = unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === "word/document.xml" });
  const xml = files["word/document.xml"];
  if (!xml) throw new Error("not a Word document: word/document.xml is missing");
  const pieces: string[] = [];
  for (const m of strFromU8(xml).matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:tab\/>|<w:br\/>/g)) {
    if (m[1] !== undefined) pieces.push(m[1]);
    else pieces.push(m[0] === "<w:tab/>" ? "\t" : "\n");
  }
  return decodeXmlEntities(pieces.join(""));
}

function decodeXmlEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** UTF-8 (with or without BOM); anything that is not valid UTF-8 is read as Windows-1251, still common in Russia. */
function decodePlainText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}
