import { randomBytes } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import type { TestClient, TestResponse } from "./harness.js";

/** Helpers for tests that upload documents (issue 3); other modules' tests reuse them. */

export type PartValue = string | { filename: string; content: Buffer | string; contentType?: string };

/** A multipart/form-data body built by hand, so tests send exactly what a browser would. */
export function multipart(parts: Record<string, PartValue | undefined>): { payload: Buffer; contentType: string } {
  const boundary = `----docket${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(parts)) {
    if (value === undefined) continue;
    if (typeof value === "string") {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      continue;
    }
    const filename = value.filename.replace(/"/g, "%22");
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
      `Content-Type: ${value.contentType ?? "application/octet-stream"}\r\n\r\n`;
    chunks.push(Buffer.from(head), Buffer.from(value.content), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function postMultipart(
  client: TestClient,
  url: string,
  parts: Record<string, PartValue | undefined>,
): Promise<TestResponse> {
  const { payload, contentType } = multipart(parts);
  return client.request("POST", url, payload, { headers: { "content-type": contentType } });
}

export interface UploadOptions {
  typeId: string;
  file?: Buffer | string;
  name?: string;
  contentType?: string;
  title?: string;
  companyId?: string;
  responsibleId?: string;
  itemId?: string;
  fields?: Record<string, unknown>;
  /** Where to post (default `/api/documents`; e.g. `/api/items/:id/documents`). */
  url?: string;
}

/** `POST /api/documents` with a file (default: a small text file) and the given parts. */
export function uploadDocument(client: TestClient, options: UploadOptions): Promise<TestResponse> {
  return postMultipart(client, options.url ?? "/api/documents", {
    typeId: options.typeId,
    title: options.title,
    companyId: options.companyId,
    responsibleId: options.responsibleId,
    itemId: options.itemId,
    fields: options.fields === undefined ? undefined : JSON.stringify(options.fields),
    file: {
      filename: options.name ?? "document.txt",
      content: options.file ?? "Текст документа",
      contentType: options.contentType,
    },
  });
}

export function uploadVersion(
  client: TestClient,
  documentId: string,
  file: { name: string; content: Buffer | string },
): Promise<TestResponse> {
  return postMultipart(client, `/api/documents/${documentId}/versions`, {
    file: { filename: file.name, content: file.content },
  });
}

/** A document type with sensible defaults; pass fields to override. Returns the created type. */
export async function createDocumentType(admin: TestClient, overrides: Record<string, unknown> = {}): Promise<any> {
  const code = `t${randomBytes(4).toString("hex")}`;
  const res = await admin.post("/api/document-types", {
    code,
    name: `Договор ${code}`,
    folder: "Договоры/{yyyy}",
    numbering: { template: "Д-{yyyy}-{n:4}", reset: "year" },
    statuses: [
      { code: "draft", name: "Черновик", color: "#868e96", initial: true },
      { code: "approval", name: "На согласовании", color: "#fab005" },
      { code: "signed", name: "Подписан", color: "#40c057", final: true },
    ],
    fields: [],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`cannot create document type: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A minimal .docx (a zip with the three parts Word needs), one paragraph per string. */
export function makeDocx(paragraphs: string[]): Buffer {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escape(p)}</w:t></w:r></w:p>`).join("");
  const files = {
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        "</Types>",
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>",
    ),
    "word/document.xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body>${body}</w:body></w:document>`,
    ),
  };
  return Buffer.from(zipSync(files));
}

/**
 * A valid one-page PDF whose text is Cyrillic: a simple font whose one-byte codes map to Unicode through a
 * ToUnicode CMap, which is how real PDFs make such text extractable.
 */
export function makePdf(lines: string[]): Buffer {
  const chars = [...new Set(lines.join(""))];
  if (chars.length > 250) throw new Error("makePdf supports at most 250 distinct characters");
  const codeOf = new Map(chars.map((ch, i) => [ch, i + 1]));
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");
  const utf16 = (ch: string) =>
    [...Buffer.from(ch, "utf16le")]
      .reduce<number[]>((acc, byte, i, all) => (i % 2 === 0 ? [...acc, (all[i + 1] ?? 0) * 256 + byte] : acc), [])
      .map((unit) => hex(unit, 4))
      .join("");
  const bfchar = chars.map((ch) => `<${hex(codeOf.get(ch) ?? 0, 2)}> <${utf16(ch)}>`);
  const cmapBlocks: string[] = [];
  for (let i = 0; i < bfchar.length; i += 100) {
    const block = bfchar.slice(i, i + 100);
    cmapBlocks.push(`${block.length} beginbfchar\n${block.join("\n")}\nendbfchar`);
  }
  const cmap = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
    "1 begincodespacerange <00> <FF> endcodespacerange",
    ...cmapBlocks,
    "endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  const text = lines
    .map((line, i) => {
      const codes = [...line].map((ch) => hex(codeOf.get(ch) ?? 0, 2)).join("");
      return `BT /F1 12 Tf 50 ${800 - i * 20} Td <${codes}> Tj ET`;
    })
    .join("\n");
  const widths = chars.map(() => 600).join(" ");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    `<< /Type /Font /Subtype /Type1 /BaseFont /Courier /FirstChar 1 /LastChar ${chars.length} /Widths [${widths}] /ToUnicode 6 0 R >>`,
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    `<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
