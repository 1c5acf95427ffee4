// The one PDF writer of the server (approval sheets, the registration journal, …).
// pdfmake lays out tables and page breaks declaratively on top of pdfkit, and ships Roboto as TrueType files, which
// cover Cyrillic; the font is embedded (subset) in every PDF, so the text stays extractable and prints the same
// everywhere. pdfmake's own default (the 14 standard PDF fonts) has no Cyrillic at all.
import { createRequire } from "node:module";
import path from "node:path";

// pdfmake's document definition (https://pdfmake.github.io/docs/0.3/document-definition-object/), typed loosely
// here: @types/pdfmake pulls the DOM library into the server's global types.
export type Content = string | Content[] | { [key: string]: unknown };
export interface TDocumentDefinitions {
  content: Content;
  pageSize?: string;
  pageOrientation?: "portrait" | "landscape";
  pageMargins?: [number, number, number, number];
  language?: string;
  defaultStyle?: Record<string, unknown>;
  styles?: Record<string, Record<string, unknown>>;
  header?: unknown;
  footer?: unknown;
  info?: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");

const FONTS = {
  Roboto: {
    normal: path.join(FONT_DIR, "Roboto-Regular.ttf"),
    bold: path.join(FONT_DIR, "Roboto-Medium.ttf"),
    italics: path.join(FONT_DIR, "Roboto-Italic.ttf"),
    bolditalics: path.join(FONT_DIR, "Roboto-MediumItalic.ttf"),
  },
};

interface PdfMake {
  setFonts(fonts: typeof FONTS): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (file: string) => boolean): void;
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | undefined;

function writer(): PdfMake {
  if (!pdfmake) {
    // Loaded on first use (most processes never write a PDF). pdfmake is a process-wide singleton: fonts and
    // policies are set here once, and nothing else in the server touches it.
    const loaded = require("pdfmake") as PdfMake;
    loaded.setFonts(FONTS);
    // A document definition never fetches anything: no URLs, and from disk only the bundled fonts.
    loaded.setUrlAccessPolicy(() => false);
    loaded.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR + path.sep));
    pdfmake = loaded;
  }
  return pdfmake;
}

export interface PdfOptions {
  title: string;
  /** The document's creation date; the same date and content give the same bytes (the file id derives from it). */
  createdAt: Date;
  author?: string;
  language?: "ru" | "en";
}

/** Renders a pdfmake document (A4, Roboto 10 pt unless the definition says otherwise) to PDF bytes. */
export async function renderPdf(
  content: Content,
  options: PdfOptions,
  layout: Partial<Omit<TDocumentDefinitions, "content" | "info">> = {},
): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    pageSize: "A4",
    pageMargins: [40, 40, 40, 48],
    language: options.language ?? "ru",
    ...layout,
    defaultStyle: { font: "Roboto", fontSize: 10, ...layout.defaultStyle },
    info: {
      title: options.title,
      author: options.author ?? "Docket",
      creator: "Docket",
      producer: "Docket",
      creationDate: options.createdAt,
      modDate: options.createdAt,
    },
    content,
  };
  return writer().createPdf(definition).getBuffer();
}
