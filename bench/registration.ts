// bench/registration: uploads of ~100 KB PDFs through HTTP, 1 and 16 at a time, against a same-run durable baseline:
// the same bytes hashed (sha256), written and fsynced, and one insert committed in a synchronous-FULL SQLite, each.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { contractType } from "./fixtures.js";
import { quick, report, samplePdf, startDocket, threadCpuMs } from "./lib.js";
import { FLOOR_TOKEN, startRegistrationFloor } from "./registration-floor.js";
import { uploadsFromChild } from "./upload-client.js";

function baselineRate(total: number, pdfs: Buffer[]): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-baseline-"));
  const db = new SqliteDatabase(path.join(dir, "b.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL"); // a committed row is on the disk, as a 201 promises
  db.exec("create table files (id integer primary key, sha256 text, size integer, name text)");
  const insert = db.prepare("insert into files (sha256, size, name) values (?, ?, ?)");
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const data = pdfs[i % pdfs.length]!;
    const sha = createHash("sha256").update(data).update(String(i)).digest("hex");
    const fd = fs.openSync(path.join(dir, sha), "w");
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    insert.run(sha, data.length, `dogovor-${i}.pdf`);
  }
  const rate = total / ((performance.now() - started) / 1000);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

export async function benchRegistration(): Promise<void> {
  const total = quick ? 200 : 2000;
  // Distinct files, so deduplication does not flatter the figure.
  const pdfs = Array.from({ length: 50 }, (_, i) => samplePdf(100 * 1024, i));
  const rows = [];
  const cpuNotes: string[] = [];
  // With the worker in the same process (the default `npm start`) its jobs (text extraction, thumbnails) share the
  // 2 cores with the uploads; without it (a server run with --no-worker, a worker elsewhere) only the request path runs.
  for (const worker of [true, false]) {
    for (const concurrency of [1, 16]) {
      const d = await startDocket({ worker });
      try {
        const type = await contractType(d);
        const cpuBefore = threadCpuMs();
        const { seconds, clientCpuMs } = await uploadsFromChild({
          url: d.url,
          token: d.token,
          typeId: type.id,
          total,
          concurrency,
        });
        const cpu = threadCpuMs();
        const ours = total / seconds;
        const baseline = baselineRate(total, pdfs);
        const metric = `${total} uploads, ${concurrency} at a time${worker ? ", worker in the process" : ", no worker (request path alone)"}`;
        const perUpload = (ms: number) => (ms / total).toFixed(2);
        const busy = (cpu.main - cpuBefore.main + cpu.others - cpuBefore.others + clientCpuMs) / (seconds * 1000);
        cpuNotes.push(
          `CPU per upload, ${metric}: the server's main thread ${perUpload(cpu.main - cpuBefore.main)} ms, its other threads ${perUpload(cpu.others - cpuBefore.others)} ms, the client ${perUpload(clientCpuMs)} ms; ${busy.toFixed(2)} of ${os.cpus().length} cores busy.`,
        );
        rows.push({
          metric,
          ours,
          baseline,
          unit: "docs/s",
          target: "≥ 50 % of baseline",
          met: ours / baseline >= 0.5,
        });
      } finally {
        await d.close();
      }
    }
  }
  // The floor: the same uploads into a bare Fastify route that only stores them durably (bench/registration-floor.ts).
  for (const concurrency of [1, 16]) {
    const floor = await startRegistrationFloor();
    try {
      const { seconds } = await uploadsFromChild({
        url: floor.url,
        token: FLOOR_TOKEN,
        typeId: "-",
        total,
        concurrency,
      });
      const baseline = baselineRate(total, pdfs);
      rows.push({
        metric: `floor: ${total} uploads, ${concurrency} at a time, into a bare Fastify route that only stores them durably`,
        ours: total / seconds,
        baseline,
        unit: "docs/s",
        target: "—",
        met: null,
      });
    } finally {
      await floor.close();
    }
  }
  report("Registration: upload → numbered, filed document (SQLite)", rows, [
    "Baseline (durable): the same bytes hashed with sha256, written to a file and fsynced, and one row inserted in a synchronous-FULL WAL SQLite, one after another in the same process, measured right after each Docket run (fsync latency on a shared disk varies several-fold within minutes).",
    "Floor: a bare Fastify route with @fastify/multipart, no Docket code, doing what a durable registration cannot skip: the file streamed to a temp file while hashed and fsynced, renamed to its sha256 and its folder fsynced, one row inserted and the WAL fsynced (shared, as Docket's group commit). Same client, same files.",
    "A 201 means the file and its rows are on the disk: the blob and its folder are fsynced before the transaction, and the SQLite WAL is fsynced after it, one fsync shared by the registrations that committed meanwhile (group commit).",
    ...cpuNotes,
  ]);
}
