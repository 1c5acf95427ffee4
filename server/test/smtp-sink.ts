import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { decodeMail, type Mail } from "./mail-decoding.js";

/** A real SMTP peer on loopback that keeps every message it accepts. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for the app's `smtpUrl`. */
  url: string;
  mails: Mail[];
  /** The next `count` messages are refused with 451 (try again later). */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  let refusalsLeft = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusalsLeft > 0) {
          refusalsLeft--;
          return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
        }
        const to = session.envelope.rcptTo.map((r) => r.address);
        mails.push({ ...decodeMail(Buffer.concat(chunks).toString("latin1")), to });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    mails,
    refuseNext: (count) => (refusalsLeft = count),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
