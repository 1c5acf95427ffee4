import fs from "node:fs";
import { createRequire } from "node:module";

/**
 * DejaVu Sans cut down to the glyphs one PDF uses, for embedding as a CIDFontType2 (Identity-H). A PDF whose
 * Cyrillic text relies on a font the viewer does not have renders blank: pdf.js and poppler draw glyphs from
 * the font program and its encoding, not from the ToUnicode map (which only serves text extraction).
 * Subsetting keeps every glyph id (unused glyphs become empty), so codes in the content stream are glyph ids.
 */
const FONT_FILE = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
// Tables a TrueType font program in a PDF needs when the content addresses glyphs by id (Identity-H):
// pdf.js and FreeType build their own cmap, and hinting is not worth its bytes here.
const KEPT_TABLES = ["glyf", "head", "hhea", "hmtx", "loca", "maxp"];

interface ParsedFont {
  bytes: Buffer;
  tables: Map<string, { offset: number; length: number }>;
  unitsPerEm: number;
  numGlyphs: number;
  glyphOffsets: number[];
  cmap: Map<number, number>;
  advances: number[];
  sideBearings: number[];
}

let parsed: ParsedFont | undefined;

function font(): ParsedFont {
  if (parsed) return parsed;
  const bytes = fs.readFileSync(FONT_FILE);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < bytes.readUInt16BE(4); i++) {
    const at = 12 + 16 * i;
    tables.set(bytes.toString("latin1", at, at + 4), {
      offset: bytes.readUInt32BE(at + 8),
      length: bytes.readUInt32BE(at + 12),
    });
  }
  const table = (tag: string) => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font table ${tag} missing`);
    return t;
  };
  const head = table("head").offset;
  const unitsPerEm = bytes.readUInt16BE(head + 18);
  const longLoca = bytes.readInt16BE(head + 50) === 1;
  const numGlyphs = bytes.readUInt16BE(table("maxp").offset + 4);
  const loca = table("loca").offset;
  const glyphOffsets: number[] = [];
  for (let g = 0; g <= numGlyphs; g++) {
    glyphOffsets.push(longLoca ? bytes.readUInt32BE(loca + 4 * g) : bytes.readUInt16BE(loca + 2 * g) * 2);
  }
  const numMetrics = bytes.readUInt16BE(table("hhea").offset + 34);
  const hmtx = table("hmtx").offset;
  const advances: number[] = [];
  const sideBearings: number[] = [];
  for (let g = 0; g < numGlyphs; g++) {
    advances.push(bytes.readUInt16BE(hmtx + 4 * Math.min(g, numMetrics - 1)));
    sideBearings.push(
      g < numMetrics
        ? bytes.readInt16BE(hmtx + 4 * g + 2)
        : bytes.readInt16BE(hmtx + 4 * numMetrics + 2 * (g - numMetrics)),
    );
  }
  const cmap = readCmap(bytes, table("cmap").offset);
  parsed = { bytes, tables, unitsPerEm, numGlyphs, glyphOffsets, cmap, advances, sideBearings };
  return parsed;
}

/** The Windows Unicode BMP subtable (format 4): enough for Cyrillic and Latin. */
function readCmap(bytes: Buffer, cmap: number): Map<number, number> {
  const map = new Map<number, number>();
  let sub = -1;
  for (let i = 0; i < bytes.readUInt16BE(cmap + 2); i++) {
    const at = cmap + 4 + 8 * i;
    if (bytes.readUInt16BE(at) === 3 && bytes.readUInt16BE(at + 2) === 1) sub = cmap + bytes.readUInt32BE(at + 4);
  }
  if (sub < 0 || bytes.readUInt16BE(sub) !== 4) throw new Error("font has no format-4 Unicode cmap");
  const segments = bytes.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const end = bytes.readUInt16BE(ends + 2 * s);
    const start = bytes.readUInt16BE(starts + 2 * s);
    const delta = bytes.readUInt16BE(deltas + 2 * s);
    const rangeAt = rangeOffsets + 2 * s;
    const rangeOffset = bytes.readUInt16BE(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = bytes.readUInt16BE(rangeAt + rangeOffset + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

export interface EmbeddedFont {
  /** Glyph id of each character (0 = .notdef for characters the font lacks). */
  glyphOf(ch: string): number;
  /** Advance width in PDF text units (1/1000 em). */
  widthOf(glyph: number): number;
  /** The subset font program (an uncompressed TrueType file). */
  program(glyphs: Iterable<number>): Buffer;
}

export function embeddedFont(): EmbeddedFont {
  const f = font();
  return {
    glyphOf: (ch) => f.cmap.get(ch.codePointAt(0) ?? 0) ?? 0,
    widthOf: (glyph) => Math.round(((f.advances[glyph] ?? 0) * 1000) / f.unitsPerEm),
    program: (glyphs) => subset(f, glyphs),
  };
}

function subset(f: ParsedFont, used: Iterable<number>): Buffer {
  const glyf = f.tables.get("glyf")!.offset;
  const keep = new Set<number>([0]);
  const pending = [...used];
  while (pending.length > 0) {
    const g = pending.pop()!;
    if (keep.has(g) && g !== 0) continue;
    keep.add(g);
    for (const component of componentsOf(f, glyf, g)) if (!keep.has(component)) pending.push(component);
  }
  // Glyphs past the last one used are cut off (numGlyphs shrinks); the ones before it that are unused stay, empty.
  const count = Math.max(...keep) + 1;
  const pieces: Buffer[] = [];
  const loca = Buffer.alloc(4 * (count + 1));
  const hmtx = Buffer.alloc(4 * count);
  let offset = 0;
  for (let g = 0; g < count; g++) {
    loca.writeUInt32BE(offset, 4 * g);
    hmtx.writeUInt16BE(f.advances[g]!, 4 * g);
    hmtx.writeInt16BE(f.sideBearings[g]!, 4 * g + 2);
    if (!keep.has(g)) continue;
    const data = f.bytes.subarray(glyf + f.glyphOffsets[g]!, glyf + f.glyphOffsets[g + 1]!);
    pieces.push(data);
    offset += data.length;
    if (offset % 4 !== 0) {
      pieces.push(Buffer.alloc(4 - (offset % 4)));
      offset += 4 - (offset % 4);
    }
  }
  loca.writeUInt32BE(offset, 4 * count);
  const head = Buffer.from(tableBytes(f, "head"));
  head.writeInt16BE(1, 50); // long loca offsets
  head.writeUInt32BE(0, 8); // checkSumAdjustment: not recomputed, viewers do not check it
  const maxp = Buffer.from(tableBytes(f, "maxp"));
  maxp.writeUInt16BE(count, 4);
  const hhea = Buffer.from(tableBytes(f, "hhea"));
  hhea.writeUInt16BE(count, 34);
  const replaced = new Map<string, Buffer>([
    ["glyf", Buffer.concat(pieces)],
    ["loca", loca],
    ["head", head],
    ["maxp", maxp],
    ["hhea", hhea],
    ["hmtx", hmtx],
  ]);
  const tags = KEPT_TABLES.filter((tag) => f.tables.has(tag));
  const header = Buffer.alloc(12 + 16 * tags.length);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tags.length, 4);
  const bodies: Buffer[] = [];
  let at = header.length;
  tags.forEach((tag, i) => {
    const body = replaced.get(tag) ?? tableBytes(f, tag);
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const entry = 12 + 16 * i;
    header.write(tag, entry, "latin1");
    header.writeUInt32BE(checksum(padded), entry + 4);
    header.writeUInt32BE(at, entry + 8);
    header.writeUInt32BE(body.length, entry + 12);
    bodies.push(padded);
    at += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

const tableBytes = (f: ParsedFont, tag: string) => {
  const t = f.tables.get(tag)!;
  return f.bytes.subarray(t.offset, t.offset + t.length);
};

/** Glyphs a composite glyph (e.g. «й» = «и» + breve) is built from. */
function componentsOf(f: ParsedFont, glyf: number, g: number): number[] {
  const start = glyf + f.glyphOffsets[g]!;
  if (f.glyphOffsets[g + 1]! === f.glyphOffsets[g]! || f.bytes.readInt16BE(start) >= 0) return [];
  const components: number[] = [];
  let at = start + 10;
  for (;;) {
    const flags = f.bytes.readUInt16BE(at);
    components.push(f.bytes.readUInt16BE(at + 2));
    at += 4 + (flags & 0x1 ? 4 : 2);
    if (flags & 0x8) at += 2;
    else if (flags & 0x40) at += 4;
    else if (flags & 0x80) at += 8;
    if (!(flags & 0x20)) return components;
  }
}

function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  return sum;
}
