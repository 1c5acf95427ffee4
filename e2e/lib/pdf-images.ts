import { execFileSync } from "node:child_process";

/**
 * A JPEG 2000 image (JPXDecode in a PDF, common in scanners' output), drawn by ImageMagick: a black box on white.
 * Null when ImageMagick or its OpenJPEG delegate is missing.
 */
export function makeJp2(width: number, height: number): Buffer | null {
  try {
    return execFileSync(
      "convert",
      [
        "-size",
        `${width}x${height}`,
        "xc:white",
        "-fill",
        "black",
        "-draw",
        `rectangle 10,10 ${width - 10},${height - 10}`,
        "jp2:-",
      ],
      { maxBuffer: 10_000_000 },
    );
  } catch {
    return null;
  }
}

/**
 * A one-page PDF with a line of text (so Docket previews the file itself, not an OCR copy) and a JPEG 2000 image, the
 * way scanners with a text layer write them.
 */
export function makeJpxPdf(jp2: Buffer, width: number, height: number, text: string): Buffer {
  const content = `BT /F1 14 Tf 40 800 Td (${text.replace(/[()\\]/g, "")}) Tj ET q ${width} 0 0 ${height} 50 300 cm /Im1 Do Q`;
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: string | Buffer) => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (n: number, ...chunks: (string | Buffer)[]) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    chunks.forEach(push);
    push("\nendobj\n");
  };
  push("%PDF-1.5\n");
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(
    3,
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " +
      "/Resources << /Font << /F1 6 0 R >> /XObject << /Im1 5 0 R >> >> >>",
  );
  object(4, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  object(
    5,
    `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /Filter /JPXDecode /Length ${jp2.length} >>\nstream\n`,
    jp2,
    "\nendstream",
  );
  object(6, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const xref = length;
  push(`xref\n0 7\n0000000000 65535 f \n`);
  for (let n = 1; n <= 6; n++) push(`${String(offsets[n]).padStart(10, "0")} 00000 n \n`);
  push(`trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}
