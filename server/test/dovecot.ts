import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "./server-process.js";

export const DOVECOT = ["/usr/sbin/dovecot", "/usr/bin/dovecot"].find((p) => fs.existsSync(p));
export const MAIL_USER = "intake";
export const MAIL_PASSWORD = "intake-secret";

export interface Dovecot {
  /** imap://user:pass@127.0.0.1:port/INBOX, as DOCKET_IMAP_URL takes it. */
  url: string;
  port: number;
  /** A fresh signed-in client (the caller logs out). */
  client(): Promise<ImapFlow>;
  /** Puts a raw RFC 822 message into a folder (APPEND), as a mail server delivering it would. */
  deliver(raw: string | Buffer, folder?: string): Promise<void>;
  /** Message-IDs (or subjects, when there is none) of the messages in a folder; [] when the folder does not exist. */
  list(folder: string): Promise<{ messageId: string | undefined; subject: string | undefined }[]>;
  stop(): Promise<void>;
}

/**
 * A real Dovecot IMAP server on a free loopback port: its own config, base directory and maildir in a temporary
 * directory, one static test user. Runs in the foreground (-F) as our child, so it dies with the test.
 */
export async function startDovecot(): Promise<Dovecot> {
  if (!DOVECOT) throw new Error("dovecot is not installed (apt-get install dovecot-imapd)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const mail = path.join(dir, "mail");
  const run = path.join(dir, "run");
  fs.mkdirSync(mail);
  fs.mkdirSync(run);
  // Dovecot never stores mail as root: as root, the mail belongs to the package's own "dovecot" user.
  const { uid, gid } = mailOwner();
  fs.chownSync(mail, uid, gid);
  const port = await freePort();
  const conf = [
    "protocols = imap",
    `base_dir = ${run}`,
    `state_dir = ${path.join(dir, "state")}`,
    "listen = 127.0.0.1",
    "ssl = no",
    "disable_plaintext_auth = no",
    "auth_mechanisms = plain login",
    `log_path = ${path.join(dir, "dovecot.log")}`,
    `first_valid_uid = ${uid}`,
    "mail_privileged_group =",
    `mail_location = maildir:${mail}/%u`,
    "namespace inbox {",
    "  inbox = yes",
    "  separator = /",
    "}",
    "passdb {",
    "  driver = static",
    `  args = user=${MAIL_USER} password=${MAIL_PASSWORD}`,
    "}",
    "userdb {",
    "  driver = static",
    `  args = uid=${uid} gid=${gid} home=${mail}/%u`,
    "}",
    "service imap-login {",
    "  inet_listener imap {",
    "    address = 127.0.0.1",
    `    port = ${port}`,
    "  }",
    "  inet_listener imaps {",
    "    port = 0",
    "  }",
    "}",
    "service anvil {",
    "  chroot =",
    "}",
    "service imap-login {",
    "  chroot =",
    "}",
    "",
  ].join("\n");
  fs.mkdirSync(path.join(dir, "state"));
  const confFile = path.join(dir, "dovecot.conf");
  fs.writeFileSync(confFile, conf);
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", confFile], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      const log = fs.existsSync(path.join(dir, "dovecot.log"))
        ? fs.readFileSync(path.join(dir, "dovecot.log"), "utf8")
        : "";
      child.kill("SIGKILL");
      throw new Error(`dovecot did not start: ${stderr}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `imap://${MAIL_USER}:${MAIL_PASSWORD}@127.0.0.1:${port}/INBOX`;
  const client = async () => {
    const c = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      auth: { user: MAIL_USER, pass: MAIL_PASSWORD },
      logger: false,
    });
    await c.connect();
    return c;
  };
  return {
    url,
    port,
    client,
    async deliver(raw, folder = "INBOX") {
      const c = await client();
      try {
        await c.append(folder, raw);
      } finally {
        await c.logout();
      }
    },
    async list(folder) {
      const c = await client();
      try {
        const exists = (await c.list()).some((m) => m.path === folder);
        if (!exists) return [];
        const lock = await c.getMailboxLock(folder);
        try {
          const out: { messageId: string | undefined; subject: string | undefined }[] = [];
          for await (const m of c.fetch("1:*", { envelope: true })) {
            out.push({ messageId: m.envelope?.messageId, subject: m.envelope?.subject });
          }
          return out;
        } finally {
          lock.release();
        }
      } finally {
        await c.logout();
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

function mailOwner(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? uid };
  const entry = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .map((line) => line.split(":"))
    .find((fields) => fields[0] === "dovecot");
  if (!entry) throw new Error("no 'dovecot' system user to own the test maildir");
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("data", (chunk) => {
      socket.destroy();
      resolve(chunk.toString().startsWith("* OK"));
    });
    socket.once("error", () => resolve(false));
  });
}
