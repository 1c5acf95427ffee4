// The floor of a durable registration over HTTP: what any server must do between receiving an upload and answering
// 201, with nothing of Docket's own. A bare Fastify route with @fastify/multipart (as Docket uses) streams the file
// into a temp file while hashing it, fsyncs it, renames it to its sha256 and fsyncs that folder, inserts one row in a
// WAL SQLite and fsyncs the WAL (shared by the commits that finished meanwhile, as Docket's group commit does). The
// same upload client drives it, so the figure shows what HTTP and a durable file name cost before any document logic.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import SqliteDatabase from "better-sqlite3";
import Fastify from "fastify";
import { WalGroupCommit } from "../server/src/db/durability.js";
import { freeDataDir } from "./lib.js";

export interface Floor {
  url: string;
  close(): Promise<void>;
}

const TOKEN = "floor-token";
export const FLOOR_TOKEN = TOKEN;

export async function startRegistrationFloor(): Promise<Floor> {
  const dir = freeDataDir("docket-floor-");
  const tmp = path.join(dir, "tmp");
  fs.mkdirSync(tmp);
  const db = new SqliteDatabase(path.join(dir, "floor.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("create table files (id integer primary key, sha256 text, size integer, name text, title text)");
  const insert = db.prepare("insert into files (sha256, size, name, title) values (?, ?, ?, ?) returning id");
  const wal = new WalGroupCommit(path.join(dir, "floor.db"));

  const app = Fastify({ logger: false });
  await app.register(multipart);
  app.post("/api/documents", async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return reply.status(401).send();
    const fields: Record<string, string> = {};
    let received: { tempPath: string; sha256: string; size: number; name: string } | undefined;
    for await (const part of request.parts()) {
      if (part.type === "field") {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const tempPath = path.join(tmp, randomBytes(8).toString("hex"));
      const hash = createHash("sha256");
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(part.file, measure, fs.createWriteStream(tempPath, { flags: "wx", flush: true }));
      received = { tempPath, sha256: hash.digest("hex"), size, name: part.filename };
    }
    if (!received) return reply.status(400).send();
    const folder = path.join(dir, received.sha256.slice(0, 2));
    await fsp.mkdir(folder, { recursive: true });
    await fsp.rename(received.tempPath, path.join(folder, received.sha256));
    const handle = await fsp.open(folder, "r");
    await handle.sync().finally(() => handle.close());
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
