import { EXTRACTION_LIMITS } from "./extraction-limits.js";
import { extractOfficeText, OFFICE_FORMATS } from "./office-text.js";
import { extractPdfText } from "./pdf-text.js";

/**
 * Text of a stored file for the search index, at most EXTRACTION_LIMITS.maxTextChars; undefined when the format
 * carries no text we can read. Throws ExtractionRefused (with the reason) for a hostile or broken file.
 */
export async function extractText(bytes: Uint8Array, mimeType: string): Promise<string | undefined> {
  if (mimeType === "application/pdf") return extractPdfText(bytes);
  const office = OFFICE_FORMATS[mimeType];
  if (office) return extractOfficeText(bytes, office);
  if (mimeType.startsWith("text/") || mimeType === "application/json" || mimeType === "application/xml")
    return decodePlainText(bytes);
  return undefined;
}

/** UTF-8 (with or without BOM); anything that is not valid UTF-8 is read as Windows-1251, still common in Russia. */
function decodePlainText(bytes: Uint8Array): string {
  let end = Math.min(bytes.length, EXTRACTION_LIMITS.maxPlainTextBytes);
  // Cut before a character, not inside one: a cut UTF-8 sequence would make a valid file look like Windows-1251.
  if (end < bytes.length) while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  const head = bytes.subarray(0, end);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head);
  } catch {
    text = new TextDecoder("windows-1251").decode(head);
  }
  return text.slice(0, EXTRACTION_LIMITS.maxTextChars);
}
