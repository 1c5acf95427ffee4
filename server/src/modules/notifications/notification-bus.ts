import { EventEmitter } from "node:events";
import type { Notification } from "@docket/common";
import { sql } from "kysely";
import type pg from "pg";
import type { AppContext } from "../../context.js";

export interface PushedNotification {
  userId: string;
  notification: Notification;
}
type Listener = (notification: Notification) => void;

/**
 * Which credentials of a user just ended (logout, password change, deactivation, token deletion): every process drops
 * its cached credentials and closes the notification streams they opened. A stream matches when it belongs to
 * `userId`, was opened with `sessionId` / `tokenId` where given, and not with `exceptSessionId`.
 */
export interface Revocation {
  userId: string;
  sessionId?: string;
  tokenId?: string;
  exceptSessionId?: string;
}
type RevocationListener = (revocation: Revocation) => void;
const REVOKED = Symbol("revoked");

// NOTIFY payloads are limited to 8000 bytes; a long text is cut in the push (the stored one stays whole).
const MAX_PUSHED_TEXT = 1500;
const RECONNECT_MS = 1000;

/**
 * Delivers new notifications to the SSE clients of every app process: through an in-process emitter on SQLite
 * (one process), through PostgreSQL LISTEN/NOTIFY when several processes share the database.
 */
export class NotificationBus {
  private readonly emitter = new EventEmitter();
  private listenClient: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private closed = false;
  private channelName: Promise<string> | null = null;

  constructor(private readonly ctx: AppContext) {
    this.emitter.setMaxListeners(0);
  }

  /** Starts listening (PostgreSQL) on first use; returns the unsubscribe function. */
  async subscribe(userId: string, listener: Listener): Promise<() => void> {
    if (this.ctx.dialect.name === "postgres") await this.listen();
    this.emitter.on(userId, listener);
    return () => this.emitter.off(userId, listener);
  }

  /**
   * Listens for revocations from this process and, on PostgreSQL, from every other one (which is why it starts
   * listening at once instead of at the first stream).
   */
  onRevocation(listener: RevocationListener): Promise<void> {
    this.emitter.on(REVOKED, listener);
    if (this.ctx.dialect.name !== "postgres") return Promise.resolve();
    return this.listen().catch((error: unknown) => this.ctx.log.warn({ err: error }, "cannot listen for revocations"));
  }

  /** Applied here at once; other processes get it through NOTIFY (this one too, a harmless second time). */
  async revoke(revocation: Revocation): Promise<void> {
    this.emitter.emit(REVOKED, revocation);
    if (this.ctx.dialect.name !== "postgres") return;
    const channel = await this.channel();
    await sql`select pg_notify(${channel}, ${JSON.stringify({ revoked: revocation })})`.execute(this.ctx.db);
  }

  async publish(events: PushedNotification[]): Promise<void> {
    if (events.length === 0) return;
    const trimmed = events.map((e) => ({
      userId: e.userId,
      notification: { ...e.notification, text: e.notification.text.slice(0, MAX_PUSHED_TEXT) },
    }));
    if (this.ctx.dialect.name !== "postgres") {
      for (const event of trimmed) this.deliver(event);
      return;
    }
    const channel = await this.channel();
    for (const event of trimmed) {
      await sql`select pg_notify(${channel}, ${JSON.stringify(event)})`.execute(this.ctx.db);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.emitter.removeAllListeners();
    const client = this.listenClient;
    this.listenClient = null;
    await client?.end().catch(() => undefined);
  }

  private deliver(event: PushedNotification): void {
    this.emitter.emit(event.userId, event.notification);
  }

  /** Several installations may share one PostgreSQL database (one schema each); each gets its own channel. */
  private channel(): Promise<string> {
    this.channelName ??= sql<{ schema: string }>`select current_schema() as schema`
      .execute(this.ctx.db)
      .then(({ rows }) => `docket_notify_${rows[0]?.schema ?? "public"}`.slice(0, 63));
    return this.channelName;
  }

  private listen(): Promise<void> {
    this.listening ??= this.connect().catch((error: unknown) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  private async connect(): Promise<void> {
    const channel = await this.channel();
    // LISTEN needs a connection of its own for as long as we listen, so it is not taken from the query pool.
    const url = new URL(this.ctx.config.databaseUrl);
    url.searchParams.delete("schema");
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url.toString() });
    client.on("notification", (message) => {
      if (message.channel !== channel || !message.payload) return;
      try {
        const payload = JSON.parse(message.payload) as PushedNotification | { revoked: Revocation };
        if ("revoked" in payload) this.emitter.emit(REVOKED, payload.revoked);
        else this.deliver(payload);
      } catch (error) {
        this.ctx.log.warn({ err: error }, "bad notification payload");
      }
    });
    client.on("error", (error) => {
      this.ctx.log.warn({ err: error }, "notification listener lost its connection; reconnecting");
      this.listenClient = null;
      this.listening = null;
      void client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), RECONNECT_MS).unref();
    });
    await client.connect();
    await client.query(`listen "${channel}"`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.listenClient = client;
  }
}

const buses = new WeakMap<AppContext, NotificationBus>();

/** The bus of this process's context (one per app; tests build several apps in one process). */
export function notificationBus(ctx: AppContext): NotificationBus {
  let bus = buses.get(ctx);
  if (!bus) {
    bus = new NotificationBus(ctx);
    buses.set(ctx, bus);
  }
  return bus;
}
