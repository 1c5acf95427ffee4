import { SaxesParser } from "saxes";
import { readZipEntries } from "./bounded-zip.js";
import { EXTRACTION_LIMITS, ExtractionRefused } from "./extraction-limits.js";

/** Where an office format keeps its text: one XML part of the zip, and the elements that carry or break it. */
interface OfficeFormat {
  part: string;
  /** Text is read inside these elements only. */
  textIn: string[];
  /** Elements that stand for a character (a tab, a line break). */
  marks: Record<string, string>;
  /** Elements whose end ends a paragraph. */
  paragraphs: string[];
}

const ODF: Omit<OfficeFormat, "part"> = {
  textIn: ["office:body"],
  marks: { "text:tab": "\t", "text:line-break": "\n", "text:s": " " },
  paragraphs: ["text:p", "text:h"],
};

export const OFFICE_FORMATS: Record<string, OfficeFormat> = {
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    part: "word/document.xml",
    textIn: ["w:t"],
    marks: { "w:tab": "\t", "w:br": "\n" },
    paragraphs: ["w:p"],
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    part: "xl/sharedStrings.xml",
    textIn: ["t"],
    marks: {},
    paragraphs: ["si"],
  },
  "application/vnd.oasis.opendocument.text": { part: "content.xml", ...ODF },
  "application/vnd.oasis.opendocument.spreadsheet": { part: "content.xml", ...ODF },
};

/**
 * Text of an office file, read while its XML inflates: a streaming parser (saxes, which never expands DTD entities)
 * over a bounded inflate, stopping once enough text is collected, so neither a bomb nor a huge document is ever held
 * in memory whole.
 */
export function extractOfficeText(bytes: Uint8Array, format: OfficeFormat): string {
  const pieces: string[] = [];
  let length = 0;
  let depthInText = 0;
  const add = (text: string) => {
    pieces.push(text);
    length += text.length;
  };
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    if (format.textIn.includes(tag.name)) depthInText++;
    const mark = format.marks[tag.name];
    if (mark !== undefined && depthInText > 0) add(mark);
  });
  parser.on("closetag", (tag) => {
    if (format.textIn.includes(tag.name)) depthInText--;
    if (format.paragraphs.includes(tag.name)) add("\n");
  });
  parser.on("text", (text) => {
    if (depthInText > 0) add(text);
  });
  parser.on("cdata", (text) => {
    if (depthInText > 0) add(text);
  });
  const decoder = new TextDecoder("utf-8");
  const found = readZipEntries(
    bytes,
    (name) => name === format.part,
    (_, chunk) => {
      try {
        parser.write(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        throw new ExtractionRefused(`${format.part} is not well-formed XML: ${(error as Error).message}`);
      }
      return length < EXTRACTION_LIMITS.maxTextChars;
    },
    {
      maxBytes: EXTRACTION_LIMITS.maxInflatedBytes,
      maxRatio: EXTRACTION_LIMITS.maxInflateRatio,
      ratioAfterBytes: EXTRACTION_LIMITS.inflateRatioAfterBytes,
    },
  );
  if (!found.has(format.part)) throw new ExtractionRefused(`not a valid file of this type: ${format.part} is missing`);
  return pieces.join("").slice(0, EXTRACTION_LIMITS.maxTextChars);
}
