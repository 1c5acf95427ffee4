// exceljs's streaming WorkbookWriter with back-pressure. exceljs 4.4.0 opens every file of the zip (the sheet's XML
// above all) as its own StreamBuf, which forwards each write to the zip's deflate stream and ignores the answer: when
// deflate (or the client) is slower than the rows come, the sheet's XML queues there, outside the JS heap — about
// 50 MB of it for 100,000 registry rows. Here each file of the zip is a Node stream piped into the zip like any other,
// so a full pipe says so, and the producer waits for `room()` before its next batch of rows.
import { Transform, type Readable, type TransformCallback } from "node:stream";
import ExcelJS from "exceljs";

/** What is handed to deflate at once: exceljs writes one row at a time, and a zlib call per row would be slow. */
const CHUNK_BYTES = 64 * 1024;

/** What each stage of the zip (archiver and its zip stream) holds of the compressed file, as Node's own default. */
const ZIP_BUFFER_BYTES = 16 * 1024;

/** The part of exceljs's writer this class relies on (lib/stream/xlsx/workbook-writer.js, 4.4.0). */
interface WriterInternals {
  zip: { append(source: Readable, data: { name: string }): void };
}

/** exceljs writes strings, Buffers and its own StringBuf (whose toBuffer() returns a fresh copy). */
function bytesOf(chunk: unknown): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk && typeof (chunk as { toBuffer?: unknown }).toBuffer === "function") {
    return (chunk as { toBuffer(): Buffer }).toBuffer();
  }
  throw new TypeError("xlsx: cannot write this chunk into the zip");
}

/**
 * One file of the zip. It takes exceljs's writes as objects (so a StringBuf passes), gathers them into 64 KB chunks,
 * and is read by the zip through an ordinary pipe: once the zip stops reading, writes queue here and
 * `writableNeedDrain` turns true.
 */
class ZipEntry extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor() {
    super({ writableObjectMode: true, readableHighWaterMark: CHUNK_BYTES });
    // exceljs's writer waits for this once a file ends (its StreamBuf emitted it itself).
    this.on("finish", () => this.emit("zipped"));
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = bytesOf(chunk);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= CHUNK_BYTES) this.release();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.release();
    done();
  }

  private release(): void {
    if (this.pendingBytes === 0) return;
    this.push(Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Resolves when `stream` has taken what was written, or when `stop` (the response) closed. */
function drained(stream: ZipEntry, stop: Readable): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed || stop.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      stop.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
    stop.on("close", done);
  });
}

type WriterOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>;

export class BackPressuredWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  private readonly entries: ZipEntry[] = [];

  constructor(options: WriterOptions) {
    // archiver's own default is to hold up to 1 MB of compressed zip (some 40,000 rows) before it stops reading
    // deflate; with 16 KB a stalled reader holds the rows back after a few batches.
    const zip = { ...options.zip, highWaterMark: ZIP_BUFFER_BYTES } as WriterOptions["zip"];
    super({ ...options, zip });
  }

  /** Overrides exceljs's own (called for every file it streams into the zip: sheets, their rels, comments). */
  _openStream(path: string): ZipEntry {
    const entry = new ZipEntry();
    (this as unknown as WriterInternals).zip.append(entry, { name: path });
    this.entries.push(entry);
    return entry;
  }

  /**
   * Resolves once every open file of the zip has passed on what it was given, i.e. once the zip, deflate and
   * `out` (the response it is piped into) are keeping up; or at once when `out` has closed (the client went away).
   */
  async room(out: Readable): Promise<void> {
    for (const entry of this.entries) await drained(entry, out);
  }
}
