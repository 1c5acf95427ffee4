import { spawnSync } from "node:child_process";
import { constants, crc32, createDeflateRaw, deflateSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { assemblePdf, makePdf } from "../src/demo/sample-files.js";

/** A minimal .xlsx (one sheet, inline strings), one row per array. */
export function makeXlsx(rows: string[][]): Buffer {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const column = (i: number) => String.fromCharCode(65 + i);
  const sheetRows = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((v, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`)
          .join("")}</row>`,
    )
    .join("");
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return Buffer.from(
    zipSync({
      "[Content_Types].xml": strToU8(
        `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          "</Types>",
      ),
      "_rels/.rels": strToU8(
        `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      "xl/workbook.xml": strToU8(
        `${xml}<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      "xl/worksheets/sheet1.xml": strToU8(
        `${xml}<worksheet ${ns}><cols><col min="1" max="8" width="40" customWidth="1"/></cols>` +
          `<sheetData>${sheetRows}</sheetData></worksheet>`,
      ),
    }),
  );
}

/**
 * A .docx that is a zip bomb: word/document.xml unpacks to `megabytes` MB of zeros from about a thousandth of
 * that. Compressed in a stream, so making it never holds the unpacked bytes.
 */
export async function zipBombDocx(megabytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const compressed: Buffer[] = [];
  deflate.on("data", (c: Buffer) => compressed.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(zeros, crc);
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return zipOf([{ name: "word/document.xml", crc, size: megabytes * 1024 * 1024, data: Buffer.concat(compressed) }]);
}

export interface ZipEntry {
  name: string;
  crc: number;
  size: number;
  data: Buffer;
}

/** A ZIP of deflated entries, written by hand so tests can lie about sizes. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Scans made in the test: real Russian text typeset into a PDF, rasterised by poppler, then turned a little and
 * sprinkled with noise like a page from an office scanner — and packed as an image-only PDF or a PNG photo.
 */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Renders the first page of a PDF to 8-bit gray with pdftoppm. */
export function rasterize(pdf: Buffer, dpi: number): GrayImage {
  const run = spawnSync("pdftoppm", ["-gray", "-r", String(dpi), "-f", "1", "-l", "1", "-"], {
    input: pdf,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${String(run.stderr)}`);
  return parsePgm(run.stdout);
}

function parsePgm(data: Buffer): GrayImage {
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[at]!))) at++;
    if (data[at] === 0x23) {
      while (data[at] !== 0x0a) at++;
      continue;
    }
    const start = at;
    while (!/\s/.test(String.fromCharCode(data[at]!))) at++;
    fields.push(data.toString("latin1", start, at));
  }
  at++;
  const [magic, width, height] = [fields[0], Number(fields[1]), Number(fields[2])];
  if (magic !== "P5") throw new Error(`not a binary PGM: ${magic}`);
  return { width, height, pixels: new Uint8Array(data.subarray(at, at + width * height)) };
}

/** A deterministic pseudo-random sequence, so a failing scan can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Turns the page by `degrees` about its centre and adds speckles and grain, as a flatbed scanner does. */
export function degrade(image: GrayImage, degrees: number, seed = 1): GrayImage {
  const { width, height } = image;
  const out = new Uint8Array(width * height);
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = width / 2;
  const cy = height / 2;
  const next = random(seed);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      let value = sx >= 0 && sy >= 0 && sx < width && sy < height ? image.pixels[sy * width + sx]! : 255;
      value += (next() - 0.5) * 40; // grain
      const speck = next();
      if (speck < 0.002) value = 0;
      else if (speck > 0.998) value = 255;
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  return { width, height, pixels: out };
}

/** The top of a page of Russian text (a third of A4: OCR time grows with pixels) as a degraded scan. */
export function scannedPage(lines: string[], options: { dpi: number; degrees: number; seed?: number }): GrayImage {
  const page = rasterize(makePdf(lines), options.dpi);
  const height = Math.round(page.height / 3);
  const top = { width: page.width, height, pixels: page.pixels.subarray(0, page.width * height) };
  return degrade(top, options.degrees, options.seed);
}

/**
 * An image-only PDF, one page per image. With `hiddenText`, each page also carries an invisible text layer
 * (render mode 3, as scanners' "OCR" layers are) written in a Latin font: the words a viewer extracts are then
 * this text, not what the page shows.
 */
export function imagePdf(pages: GrayImage[], dpi: number, hiddenText?: string): Buffer {
  const objects: Buffer[] = [];
  const add = (body: string | Buffer) => {
    objects.push(typeof body === "string" ? Buffer.from(body, "latin1") : body);
    return objects.length;
  };
  const catalog = add("");
  const pagesRef = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const page of pages) {
    const data = deflateSync(page.pixels);
    const image = add(
      Buffer.concat([
        Buffer.from(
          `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceGray ` +
            `/BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
          "latin1",
        ),
        data,
        Buffer.from("\nendstream", "latin1"),
      ]),
    );
    const w = (page.width * 72) / dpi;
    const h = (page.height * 72) / dpi;
    let content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im1 Do Q`;
    if (hiddenText) {
      const escaped = Buffer.from(hiddenText, "latin1")
        .toString("latin1")
        .replace(/[()\\]/g, (c) => `\\${c}`);
      content += `\nBT 3 Tr /F1 12 Tf 50 ${(h - 60).toFixed(2)} Td (${escaped}) Tj ET`;
    }
    const contents = add(`<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] ` +
          `/Resources << /XObject << /Im1 ${image} 0 R >> /Font << /F1 ${font} 0 R >> >> /Contents ${contents} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesRef} 0 R >>`, "latin1");
  objects[pagesRef - 1] = Buffer.from(
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`,
    "latin1",
  );
  return assemblePdf(objects);
}

/** A PDF of `count` blank pages with tiny images: a "500-page scan" that costs nothing to make. */
export function manyPagePdf(count: number): Buffer {
  const blank: GrayImage = { width: 85, height: 120, pixels: new Uint8Array(85 * 120).fill(255) };
  return imagePdf(Array<GrayImage>(count).fill(blank), 10);
}

/** A grayscale PNG with its resolution recorded (pHYs), like a phone scanner app's photo of a page. */
export function png(image: GrayImage, dpi: number): Buffer {
  const raw = Buffer.alloc((image.width + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    raw[y * (image.width + 1)] = 0; // filter: none
    raw.set(image.pixels.subarray(y * image.width, (y + 1) * image.width), y * (image.width + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  const phys = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("pHYs", phys),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(pngCrc(body));
  return Buffer.concat([length, body, crc]);
}

let crcTable: Uint32Array | undefined;
function pngCrc(data: Buffer): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
