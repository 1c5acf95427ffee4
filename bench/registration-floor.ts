// The floor of a durable registration over HTTP: what any server must do between receiving an upload and answering
// 201, with none of Docket's document logic. A bare Fastify route with @fastify/multipart (as Docket uses) stores the
// file with Docket's blob store (streamed into a temp file while hashed, fsynced, renamed to its sha256, that folder
// fsynced), inserts one row in a WAL SQLite and fsyncs the WAL (shared by the commits that finished meanwhile, as
// Docket's group commit does). The same upload client drives it, so the figure shows what HTTP and a durable file
// cost before numbering, filing, history and jobs.
import fs from "node:fs";
import path from "node:path";
import multipart from "@fastify/multipart";
import SqliteDatabase from "better-sqlite3";
import Fastify from "fastify";
import { DiskBlobStore, type ReceivedBlob } from "../server/src/blobs/blob-store.js";
import { WalGroupCommit } from "../server/src/db/durability.js";
import { freeDataDir } from "./lib.js";

export interface Floor {
  url: string;
  close(): Promise<void>;
}

export const FLOOR_TOKEN = "floor-token";

export async function startRegistrationFloor(): Promise<Floor> {
  const dir = freeDataDir("docket-floor-");
  const store = new DiskBlobStore(path.join(dir, "blobs"));
  const db = new SqliteDatabase(path.join(dir, "floor.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("create table files (id integer primary key, sha256 text, size integer, name text, title text)");
  const insert = db.prepare("insert into files (sha256, size, name, title) values (?, ?, ?, ?) returning id");
  const wal = new WalGroupCommit(path.join(dir, "floor.db"));

  const app = Fastify({ logger: false });
  await app.register(multipart);
  app.post("/api/documents", async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${FLOOR_TOKEN}`) return reply.status(401).send();
    const fields: Record<string, string> = {};
    let received: (ReceivedBlob & { name: string }) | undefined;
    for await (const part of request.parts()) {
      if (part.type === "field") {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      received = { ...(await store.receive(part.file)), name: part.filename };
    }
    if (!received) return reply.status(400).send();
    await store.commit(received);
    const row = insert.get(received.sha256, received.size, received.name, fields.title ?? "") as { id: number };
    await wal.durable();
    return reply.status(201).send({ id: row.id, sha256: received.sha256, size: received.size });
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    async close() {
      await app.close();
      await wal.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
