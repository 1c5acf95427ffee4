import { createHash } from "node:crypto";
import type { Attachment } from "mailparser";

/** A message Docket can register: its identity, its words (for the company match) and the files it carries. */
export interface ReadMail {
  messageId: string;
  subject: string;
  /** The sender's address, lower-cased; null when the message names none. */
  from: string | null;
  /** Subject and plain-text body, searched for an INN. */
  text: string;
  /** Every attachment, or the message itself as an .eml when it has none. */
  files: MailFile[];
}

export interface MailFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

/** A message that no retry can register (no headers, a damaged attachment): it goes to the Failed folder. */
export class UnreadableMail extends Error {
  override readonly name = "UnreadableMail";
}

/** The identity of a message without a Message-ID header: its bytes, so a second poll finds the same one. */
export const contentMessageId = (raw: Buffer) => `<sha256-${createHash("sha256").update(raw).digest("hex")}@docket>`;

/** Parses a raw RFC 5322 message with mailparser (MIME, encodings and charsets are its job, not ours). */
export async function readMail(raw: Buffer): Promise<ReadMail> {
  const { simpleParser } = await import("mailparser"); // ~29 MB resident alone: loaded by the first message, not at start
  const parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipTextLinks: true });
  if (parsed.headers.size === 0) throw new UnreadableMail("not an email message: it has no headers");
  const subject = (parsed.subject ?? "").trim();
  // Images embedded in an HTML body (a signature's logo) are part of the letter, not documents.
  const attachments = parsed.attachments.filter((a) => !a.related);
  const files = attachments.map((a, i) => attachmentFile(a, i));
  const body = parsed.text ?? (typeof parsed.html === "string" ? parsed.html.replace(/<[^>]*>/g, " ") : "");
  return {
    messageId: parsed.messageId?.trim() || contentMessageId(raw),
    subject,
    from: parsed.from?.value.find((a) => a.address)?.address?.toLowerCase() ?? null,
    text: `${subject}\n${body}`,
    files: files.length > 0 ? files : [{ name: emlName(subject), mimeType: "message/rfc822", content: raw }],
  };
}

function attachmentFile(a: Attachment, index: number): MailFile {
  const name = safeName(a.filename ?? "") || `attachment-${index + 1}${extensionFor(a.contentType)}`;
  // mailparser decodes leniently: base64 that is not base64 comes out empty instead of failing.
  if (a.size === 0 || a.content.length === 0)
    throw new UnreadableMail(`the attachment "${name}" is empty or its encoding is damaged`);
  return { name, mimeType: a.contentType || "application/octet-stream", content: a.content };
}

const safeName = (name: string) =>
  name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f/\\]/g, "_")
    .trim()
    .slice(0, 200);

const emlName = (subject: string) => `${safeName(subject).slice(0, 120) || "message"}.eml`;

const EXTENSIONS: Record<string, string> = {
  "application/pdf": ".pdf",
  "text/plain": ".txt",
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/msword": ".doc",
};
const extensionFor = (mimeType: string) => EXTENSIONS[mimeType] ?? "";
