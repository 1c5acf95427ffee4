import { Unzip, UnzipInflate } from "fflate";
import { ExtractionRefused } from "./extraction-limits.js";

export interface InflateLimits {
  /** Inflated bytes one entry may reach. */
  maxBytes: number;
  /** Inflated bytes per compressed byte an entry may reach, once past `ratioAfterBytes`. */
  maxRatio: number;
  ratioAfterBytes: number;
}

// Deflate expands at most ~1,032×, so feeding the archive in slices this small keeps every inflate step to a few MB:
// fed whole, one step would inflate a bomb's entire entry before any check could run.
const SLICE_BYTES = 4096;

/**
 * Streams the wanted entries of a zip (DOCX, XLSX, ODT, ODS) to `onChunk` while inflating them, and refuses the
 * file as soon as an entry passes the limits, whatever its headers claim. `onChunk` returns false when it has read
 * enough. Returns the names of the wanted entries that were found.
 */
export function readZipEntries(
  archive: Uint8Array,
  wanted: (name: string) => boolean,
  onChunk: (name: string, chunk: Uint8Array) => boolean,
  limits: InflateLimits,
): Set<string> {
  const found = new Set<string>();
  let failure: Error | undefined;
  let enough = false;
  let pushed = 0;
  const unzip = new Unzip((file) => {
    if (failure || enough || !wanted(file.name)) return;
    found.add(file.name);
    const startedAt = pushed;
    let inflated = 0;
    file.ondata = (error, chunk) => {
      if (failure || enough) return;
      if (error) {
        failure = error instanceof ExtractionRefused ? error : new ExtractionRefused(`${file.name}: ${error.message}`);
        return;
      }
      inflated += chunk.length;
      const compressed = Math.max(1, pushed - startedAt);
      if (inflated > limits.maxBytes) {
        failure = new ExtractionRefused(`${file.name} inflates to more than ${limits.maxBytes / 2 ** 20} MB`);
      } else if (inflated > limits.ratioAfterBytes && inflated / compressed > limits.maxRatio) {
        failure = new ExtractionRefused(
          `${file.name} inflates to over ${limits.maxRatio} times its compressed size (an archive bomb)`,
        );
      } else if (!onChunk(file.name, chunk)) {
        enough = true;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let offset = 0; offset < archive.length && !failure && !enough; offset += SLICE_BYTES) {
    const end = Math.min(archive.length, offset + SLICE_BYTES);
    pushed = end;
    unzip.push(archive.subarray(offset, end), end === archive.length);
  }
  if (failure) throw failure;
  return found;
}
