import { randomBytes } from "node:crypto";
import type { ImapConfig } from "../src/config.js";
import { MAIL_PASSWORD, MAIL_USER, type Dovecot } from "./dovecot.js";

export interface MailSpec {
  messageId?: string | null;
  from?: string;
  subject?: string;
  text?: string;
  attachments?: { name: string; type: string; content: Buffer | string; encoded?: string }[];
}

/** A small PDF attachment named `name`, its content told apart by the name. */
export function pdfAttachment(name: string): NonNullable<MailSpec["attachments"]>[number] {
  return { name, type: "application/pdf", content: `%PDF-1.4 ${name}` };
}

/** A raw RFC 5322 message, multipart/mixed with base64 attachments: what a mail client sends. */
export function rawMail(spec: MailSpec): string {
  const boundary = `b-${randomBytes(6).toString("hex")}`;
  const subject = spec.subject ?? "Письмо";
  const headers = [
    `From: ${spec.from ?? "Sender <sender@example.org>"}`,
    "To: docs@docket.test",
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString("base64")}?=`,
    "Date: Tue, 01 Dec 2026 09:00:00 +0300",
    ...(spec.messageId === null
      ? []
      : [`Message-ID: ${spec.messageId ?? `<${randomBytes(8).toString("hex")}@example.org>`}`]),
    "MIME-Version: 1.0",
  ];
  const text = Buffer.from(spec.text ?? "Добрый день.").toString("base64");
  if (!spec.attachments?.length)
    return [
      ...headers,
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      text,
      "",
    ].join("\r\n");
  const parts = [
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    text,
    ...spec.attachments.flatMap((a) => [
      `--${boundary}`,
      `Content-Type: ${a.type}; name="=?UTF-8?B?${Buffer.from(a.name).toString("base64")}?="`,
      "Content-Transfer-Encoding: base64",
      `Content-Disposition: attachment; filename="=?UTF-8?B?${Buffer.from(a.name).toString("base64")}?="`,
      "",
      a.encoded ?? Buffer.from(a.content).toString("base64"),
    ]),
    `--${boundary}--`,
    "",
  ];
  return [...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, "", ...parts].join("\r\n");
}

export function imapConfigFor(dovecot: Dovecot, mailbox: string, typeCode: string): ImapConfig {
  return {
    host: "127.0.0.1",
    port: dovecot.port,
    secure: false,
    user: MAIL_USER,
    password: MAIL_PASSWORD,
    mailbox,
    typeCode,
    doneFolder: `${mailbox}-done`,
    intervalMs: 60_000,
    tlsVerify: true,
  };
}
