import { registerDocumentForm, type RegisterDocumentForm } from "@docket/common";
import type { FastifyRequest } from "fastify";
import { blobStoreFor } from "../../blobs/blob-store.js";
import type { AppContext } from "../../context.js";
import { AppError, badRequest } from "../../lib/errors.js";
import type { UploadedFile } from "./document-registration.js";
import { extensionOf, sanitizeUploadName } from "@docket/common";

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  rtf: "application/rtf",
  txt: "text/plain",
  csv: "text/csv",
  md: "text/markdown",
  xml: "application/xml",
  json: "application/json",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  tif: "image/tiff",
  tiff: "image/tiff",
  zip: "application/zip",
};

/** The type is decided from the name we store, not trusted from the client, unless we do not know the extension. */
export function mimeTypeFor(name: string, claimed: string | undefined): string {
  const known = MIME_BY_EXTENSION[extensionOf(name)];
  if (known) return known;
  const plain = (claimed ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[a-z]+\/[a-z0-9.+-]+$/.test(plain) && !plain.includes("html") ? plain : "application/octet-stream";
}

export interface DocumentUpload {
  file: UploadedFile;
  /** The text parts, by name. */
  parts: Record<string, string>;
}

/**
 * Reads a multipart request: the single `file` part streams into a temporary file while it is hashed (never
 * buffered whole); text parts are collected. Enforces the size limit (413) and refuses an empty file (400).
 */
export async function receiveUpload(ctx: AppContext, request: FastifyRequest): Promise<DocumentUpload> {
  if (!request.isMultipart()) throw new AppError("unsupported_media_type", "Send multipart/form-data");
  const store = blobStoreFor(ctx.config);
  const parts: Record<string, string> = {};
  let file: UploadedFile | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: ctx.config.maxUploadBytes } })) {
      if (part.type === "field") {
        // PostgreSQL cannot store NUL in text; JSON bodies and URLs refuse it too (http/input-guards.ts).
        if (typeof part.value === "string" && part.value.includes("\u0000"))
          throw badRequest("Invalid form", [{ path: part.fieldname, message: "NUL characters are not allowed" }]);
        if (typeof part.value === "string") parts[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== "file" || file) {
        part.file.resume();
        throw badRequest("Send one file, in the part named `file`", [
          { path: part.fieldname, message: "Unexpected file" },
        ]);
      }
      const received = await store.receive(part.file);
      const name = sanitizeUploadName(decodeFormDataName(part.filename));
      file = { ...received, name, mimeType: mimeTypeFor(name, part.mimetype) };
      if (part.file.truncated) throw tooLarge(ctx);
    }
  } catch (error) {
    if (file) await store.discard(file);
    if ((error as { statusCode?: number }).statusCode === 413) throw tooLarge(ctx);
    // busboy throws plain errors for a body that is not multipart at all or ends mid-part: the client's fault.
    const { message, code } = error as { message?: string; code?: string };
    if (
      !(error instanceof AppError) &&
      (MALFORMED_MULTIPART.test(message ?? "") || code === "ERR_STREAM_PREMATURE_CLOSE")
    )
      throw badRequest("Malformed multipart/form-data body", [{ path: "body", message: message ?? "Malformed" }]);
    throw error;
  }
  if (!file) throw badRequest("No file", [{ path: "file", message: "Required" }]);
  if (file.size === 0) {
    await store.discard(file);
    throw badRequest("The file is empty", [{ path: "file", message: "The file is empty" }]);
  }
  return { file, parts };
}

/**
 * Browsers escape `"`, CR and LF in a multipart file name as %22, %0D and %0A (the HTML form-data encoding) and busboy
 * hands the name over as sent, so `Договор "Ромашка".pdf` would be stored as `Договор %22Ромашка%22.pdf`.
 */
export function decodeFormDataName(raw: string | undefined): string | undefined {
  return raw?.replace(/%22/g, '"').replace(/%0[DA]/g, " ");
}

const MALFORMED_MULTIPART =
  /^(Multipart: |Unexpected end of (form|multipart data)|(Part|Preamble) terminated early|Malformed part header)/;

const tooLarge = (ctx: AppContext) =>
  new AppError(
    "payload_too_large",
    `The file is larger than the limit of ${Math.round(ctx.config.maxUploadBytes / 1024 / 1024)} MB`,
  );

/** Runs `use` with a received upload and always drops the temporary file afterwards (a no-op once committed). */
export async function withUpload<T>(
  ctx: AppContext,
  request: FastifyRequest,
  use: (upload: DocumentUpload) => Promise<T>,
): Promise<T> {
  const upload = await receiveUpload(ctx, request);
  try {
    return await use(upload);
  } finally {
    await blobStoreFor(ctx.config).discard(upload.file);
  }
}

/** The text parts of a registration form, typed; `fields` arrives as a JSON string. */
export function parseRegisterForm(parts: Record<string, string>): RegisterDocumentForm {
  let fields: unknown = undefined;
  if (parts.fields !== undefined && parts.fields !== "") {
    try {
      // Refused like a JSON body would be: a "__proto__" key would otherwise replace the object's prototype.
      fields = JSON.parse(parts.fields, (key, value: unknown) => {
        if (key === "__proto__") throw new Error("forbidden key");
        return value;
      });
    } catch {
      throw badRequest("Invalid form", [{ path: "fields", message: "Must be a JSON object" }]);
    }
  }
  const emptyToNull = (v: string | undefined) => (v === "" ? null : v);
  const parsed = registerDocumentForm.safeParse({
    typeId: parts.typeId,
    title: parts.title,
    companyId: emptyToNull(parts.companyId),
    responsibleId: emptyToNull(parts.responsibleId),
    fields,
    itemId: parts.itemId === "" ? undefined : parts.itemId,
  });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join(".") || "form", message: i.message }));
    throw badRequest("Invalid form", errors);
  }
  return parsed.data;
}
