import type { TFunction } from "i18next";

/**
 * The server words a rendition's reason in English for the log and the API; the card says it in the reader's
 * language. Known reasons map to a translation (numbers kept); anything else is shown as the server wrote it.
 */
const KNOWN: [RegExp, string][] = [
  [/encrypted|password-protected/i, "rendition.why.encrypted"],
  [/zip bomb/i, "rendition.why.zipBomb"],
  [/^The scan has (\d+) pages; text is recognised in scans of up to (\d+)/, "rendition.why.tooManyPages"],
  [/took longer than ([\d.]+) s/, "rendition.why.timeout"],
  [/out of memory/i, "rendition.why.memory"],
  [/damaged|could not read|not a readable scan|has no pages/i, "rendition.why.damaged"],
  [/no readable text and OCR is not installed/i, "rendition.why.scanNotRecognised"],
  [/poppler-utils is not installed/i, "rendition.why.popplerMissing"],
  [/^Text recognition failed/, "rendition.why.ocrFailed"],
];

export function explainRenditionReason(reason: string, t: TFunction): string {
  for (const [pattern, key] of KNOWN) {
    const match = pattern.exec(reason);
    if (match) return t(key, { a: match[1], b: match[2] });
  }
  return reason;
}
