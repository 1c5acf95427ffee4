/** A file whose text we will not read, and why: a hostile or broken file, recorded as the job's failure. */
export class ExtractionRefused extends Error {
  override readonly name = "ExtractionRefused";
}

/**
 * What reading one file's text may cost. Streams stop at these limits, so a file never takes more than its share of
 * memory or time; the thread that reads it is capped as well (see text-extraction-thread.ts).
 */
export const EXTRACTION_LIMITS = {
  /** Text kept for the search index. Reading stops once this much is collected. */
  maxTextChars: 2_000_000,
  /** One zip entry (word/document.xml, content.xml, …) may inflate to this much… */
  maxInflatedBytes: 64 * 2 ** 20,
  /** …and, past its first 10 MB, to at most this many times its compressed size (real documents stay under ~50×). */
  maxInflateRatio: 200,
  inflateRatioAfterBytes: 10 * 2 ** 20,
  /** A PDF with more pages is refused at once: reading it would hold the worker for minutes. */
  maxPdfPages: 2_000,
  /** Plain text files: the first this many bytes are decoded (4 bytes per character at most in UTF-8). */
  maxPlainTextBytes: 8 * 2 ** 20,
};
