import { createRequire } from "node:module";
import path from "node:path";
import { EXTRACTION_LIMITS, ExtractionRefused } from "./extraction-limits.js";
import { declaredPageCount } from "./pdf-page-count.js";

// pdf.js reads the 14 standard fonts and the CJK CMaps from its package folder; without them a PDF that uses an
// unembedded font (common in generated documents) yields no text at all.
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

// Writers put %%EOF on the last line; readers accept it within the last kilobyte or so. A PDF without it was cut
// off (an interrupted upload or copy): pdf.js would try to rebuild it and might return a part as if it were whole.
const END_MARKER = Buffer.from("%%EOF");
const END_WINDOW_BYTES = 2048;

const tooManyPages = (pages: number) =>
  new ExtractionRefused(`the PDF has ${pages} pages; text is read from PDFs of up to ${EXTRACTION_LIMITS.maxPdfPages}`);

export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-END_WINDOW_BYTES);
  if (!tail.includes(END_MARKER)) throw new ExtractionRefused("the PDF is cut off (it has no %%EOF end marker)");
  const declared = declaredPageCount(bytes);
  if (declared > EXTRACTION_LIMITS.maxPdfPages) throw tooManyPages(declared);
  // Loaded on first use: pdf.js is large and most processes never read a PDF.
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    if (pdf.numPages > EXTRACTION_LIMITS.maxPdfPages) {
      throw tooManyPages(pdf.numPages);
    }
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= pdf.numPages && length < EXTRACTION_LIMITS.maxTextChars; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(" ");
      pages.push(text);
      length += text.length;
      page.cleanup();
    }
    return pages.join("\n").slice(0, EXTRACTION_LIMITS.maxTextChars);
  } finally {
    await task.destroy();
  }
}
