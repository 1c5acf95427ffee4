/** Just enough MIME decoding to read what nodemailer sends: encoded-word headers, base64 or quoted-printable text. */
export interface Mail {
  to: string[];
  subject: string;
  body: string;
  headers: Record<string, string>;
}

const decodeQ = (text: string) =>
  Buffer.from(
    text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );

/** RFC 2047 encoded words; adjacent words are joined without the whitespace between them. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, text: string) =>
      (enc.toUpperCase() === "B" ? Buffer.from(text, "base64") : decodeQ(text)).toString("utf8"),
    );
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return Buffer.from(body, "latin1").toString("utf8");
}

/** A single-part message as received on the wire (latin1 string, so bytes survive). */
export function decodeMail(raw: string): Omit<Mail, "to"> {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  return {
    subject: decodeHeader(headers.subject ?? ""),
    body: decodeBody(raw.slice(split + 4), encoding),
    headers,
  };
}
