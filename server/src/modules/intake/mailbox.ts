import type { ImapFlow } from "imapflow";
import type { ImapConfig } from "../../config.js";

/** What the poll needs to know of a message before deciding whether to download it. */
export interface WaitingMessage {
  uid: number;
  size: number;
  /** From the envelope; absent when the message has no Message-ID header. */
  messageId: string | undefined;
}

/**
 * One IMAP session on the intake mailbox (imapflow: maintained, promise-based, handles the protocol's quirks).
 * The mailbox stays selected and locked for the session, so UIDs stay valid while we move messages.
 */
export class Mailbox {
  private release: (() => void) | null = null;
  private delimiter = "/";

  private constructor(
    private readonly config: ImapConfig,
    private readonly client: ImapFlow,
  ) {
    // A dropped connection is reported by the command that was waiting on it; this keeps it from crashing the process.
    this.client.on("error", () => {});
  }

  /** imapflow (~29 MB resident alone) is loaded by the first poll, not at start. */
  static async create(config: ImapConfig): Promise<Mailbox> {
    const { ImapFlow } = await import("imapflow");
    const client = new ImapFlow({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: { user: config.user, pass: config.password },
      logger: false,
      tls: { rejectUnauthorized: config.tlsVerify },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    return new Mailbox(config, client);
  }

  get doneFolder(): string {
    return this.folderPath([this.config.doneFolder]);
  }

  get failedFolder(): string {
    return this.folderPath([this.config.doneFolder, "Failed"]);
  }

  private folderPath(segments: string[]): string {
    return segments.flatMap((s) => s.split("/")).join(this.delimiter);
  }

  async open(): Promise<void> {
    await this.client.connect();
    const folders = await this.client.list();
    this.delimiter = folders.find((f) => f.delimiter)?.delimiter ?? "/";
    const paths = new Set(folders.map((f) => f.path));
    for (const folder of [this.doneFolder, this.failedFolder]) {
      if (!paths.has(folder)) await this.client.mailboxCreate(folder.split(this.delimiter));
    }
    const lock = await this.client.getMailboxLock(this.config.mailbox);
    this.release = () => lock.release();
  }

  /** Messages waiting in the polled folder, oldest first, at most `limit`. */
  async waiting(limit: number): Promise<WaitingMessage[]> {
    const uids = (await this.client.search({ all: true }, { uid: true })) || [];
    const first = [...uids].sort((a, b) => a - b).slice(0, limit);
    if (first.length === 0) return [];
    const found = await this.client.fetchAll(first.join(","), { uid: true, size: true, envelope: true }, { uid: true });
    return found
      .map((m) => ({ uid: m.uid, size: m.size ?? 0, messageId: m.envelope?.messageId?.trim() || undefined }))
      .sort((a, b) => a.uid - b.uid);
  }

  async source(uid: number): Promise<Buffer> {
    const message = await this.client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) throw new Error(`message ${uid} is gone from the mailbox`);
    return message.source;
  }

  async moveToDone(uid: number): Promise<void> {
    await this.client.messageMove(String(uid), this.doneFolder, { uid: true });
  }

  async moveToFailed(uid: number): Promise<void> {
    await this.client.messageMove(String(uid), this.failedFolder, { uid: true });
  }

  async close(): Promise<void> {
    this.release?.();
    this.release = null;
    try {
      await this.client.logout();
    } catch {
      this.client.close();
    }
  }
}
