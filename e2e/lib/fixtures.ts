import type { ApiClient } from "./api.js";
import type { FilePayload } from "./upload.js";

/** A tiny but valid one-page PDF with a line of text, made on the fly (no binary fixtures in git). */
export function makePdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 40 780 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export const VALID_INN = "7707083893";
export const INVALID_INN = "7707083890";

/*
 * Builders for what many specs set up through the API before their story starts. Each takes what the story names
 * (codes, names, values) and fills in the rest: the colours, the flags that follow from the order.
 */

const GREY = "#868e96";
const AMBER = "#fab005";
const GREEN = "#2f9e44";
const RED = "#e03131";

type Names = Record<string, string>;

/** A user (not an administrator) who reads the interface in Russian. */
export function createUser(api: ApiClient, person: { email: string; password: string; name: string }) {
  return api.post<{ id: string }>("/api/users", { ...person, role: "user", locale: "ru" });
}

export interface DocumentTypeSpec {
  code: string;
  name: string;
  folder: string;
  /** The number template; numbers restart every year when it shows the year, else never. */
  numbering: string;
  /** Statuses, code → name, in order: a document starts in the first (grey), the others are amber. */
  statuses: Names;
  /** Statuses that end a document's way: the first green, the others red. */
  final?: Names;
  fields?: { key: string; label: string; type: string }[];
}

export function createDocumentType(api: ApiClient, spec: DocumentTypeSpec) {
  const { numbering, statuses, final = {}, ...type } = spec;
  return api.post<{ id: string; name: string }>("/api/document-types", {
    ...type,
    numbering: { template: numbering, reset: numbering.includes("{yyyy}") ? "year" : "never" },
    statuses: [
      ...Object.entries(statuses).map(([code, name], i) => ({ code, name, color: i ? AMBER : GREY, initial: !i })),
      ...Object.entries(final).map(([code, name], i) => ({ code, name, color: i ? RED : GREEN, final: true })),
    ],
  });
}

export interface ProcessSpec {
  code: string;
  name: string;
  /** The stages an item is worked in, code → name, in order: the first grey, the others amber. */
  stages: Names;
  /** Then the stages that end an item well (green) and badly (red). */
  success?: Names;
  failure?: Names;
}

export function createProcess(api: ApiClient, spec: ProcessSpec) {
  const { stages, success = {}, failure = {}, ...process } = spec;
  const named = (names: Names, semantics: string, color: (i: number) => string) =>
    Object.entries(names).map(([code, name], i) => ({ code, name, color: color(i), semantics }));
  return api.post<{ id: string; name: string }>("/api/processes", {
    ...process,
    stages: [
      ...named(stages, "process", (i) => (i ? AMBER : GREY)),
      ...named(success, "success", () => GREEN),
      ...named(failure, "failure", () => RED),
    ],
  });
}

/** A robot that runs when an item enters `stage`; `extra` holds its delay or condition. */
export function addRobot(
  api: ApiClient,
  processId: string,
  stage: string,
  kind: string,
  params: Record<string, unknown>,
  extra: { delay?: string; condition?: Record<string, unknown> } = {},
) {
  return api.post<{ id: string }>(`/api/processes/${processId}/robots`, { stage, kind, params, ...extra });
}

export interface UploadSpec {
  typeId: string;
  file: FilePayload;
  title?: string;
  companyId?: string;
  fields?: Record<string, unknown>;
  /** Uploaded on this item's card, else to the registry. */
  itemId?: string;
}

export function uploadDocument(api: ApiClient, spec: UploadSpec) {
  const { file, fields, itemId, ...parts } = spec;
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) if (value !== undefined) form.set(name, value);
  if (fields) form.set("fields", JSON.stringify(fields));
  form.set("file", new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
  return api.post<{ id: string; number: string; folder: { path: string } }>(
    itemId ? `/api/items/${itemId}/documents` : "/api/documents",
    form,
  );
}
