import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import zlib from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { makePdf } from "../src/demo/sample-files.js";
import { zipOf } from "./rendition-fixtures.js";

/**
 * Hostile files, made in code (no big binaries in the repository): an archive bomb, a PDF of very many pages and a
 * cut-off PDF — what an attacker with an account can upload.
 */

/**
 * A DOCX whose word/document.xml inflates to `inflatedMb` MB of paragraphs (~300 KB of zip for 300 MB). Deflated by
 * zlib as a stream, so the test never holds the inflated part; the zip around it is written here (stored sizes and
 * CRC in the local header, as Word writes them).
 */
export async function makeBombDocx(inflatedMb: number): Promise<Buffer> {
  const paragraph = Buffer.from("<w:p><w:r><w:t>бомба</w:t></w:r></w:p>");
  const megabyte = Buffer.concat(Array.from({ length: Math.floor(2 ** 20 / paragraph.length) }, () => paragraph));
  const chunks = [
    Buffer.from('<?xml version="1.0"?><w:document xmlns:w="w"><w:body>'),
    ...Array.from({ length: inflatedMb }, () => megabyte), // the same buffer, held once
    Buffer.from("</w:body></w:document>"),
  ];
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
  }
  const data = await buffer(Readable.from(chunks).pipe(zlib.createDeflateRaw({ level: 9 })));
  const contentTypes = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  return zipOf([
    {
      name: "[Content_Types].xml",
      crc: zlib.crc32(contentTypes),
      size: contentTypes.length,
      data: zlib.deflateRawSync(contentTypes),
    },
    { name: "word/document.xml", crc, size, data },
  ]);
}

/** A well-formed PDF with `pages` pages that all share one small content stream. */
export function makeManyPagePdf(pages: number): Buffer {
  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(" ")}] /Count ${pages} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Length 44 >>\nstream\nBT /F1 12 Tf 50 800 Td (page of many) Tj ET\nendstream",
  ];
  for (let i = 0; i < pages; i++) {
    objects.push(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
    );
  }
  const chunks: string[] = ["%PDF-1.4\n"];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const object = `${i + 1} 0 obj\n${body}\nendobj\n`;
    chunks.push(object);
    length += object.length;
  });
  chunks.push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  chunks.push(offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join(""));
  chunks.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(chunks.join(""), "latin1");
}

/** A real PDF cut off two thirds of the way, as an interrupted upload or copy leaves it. */
export function makeTruncatedPdf(): Buffer {
  const whole = makePdf(["Договор поставки", "Часть текста, которая была до обрыва файла"]);
  return whole.subarray(0, Math.floor((whole.length * 2) / 3));
}

const ODF_MIME = { text: "application/vnd.oasis.opendocument.text" };

/** A minimal .odt, one paragraph per string. */
export function makeOdt(paragraphs: string[]): Buffer {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return Buffer.from(
    zipSync({
      mimetype: [strToU8(ODF_MIME.text), { level: 0 }],
      "content.xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content ' +
          'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>' +
          paragraphs.map((p) => `<text:p>${escape(p)}</text:p>`).join("") +
          "</office:text></office:body></office:document-content>",
      ),
    }),
  );
}

/** A minimal .xlsx whose cells hold these strings (only the shared-strings part matters for search). */
export function makeXlsx(strings: string[]): Buffer {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return Buffer.from(
    zipSync({
      "xl/sharedStrings.xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
          strings.map((s) => `<si><t>${escape(s)}</t></si>`).join("") +
          "</sst>",
      ),
    }),
  );
}
