// Uploads from a process of their own: the load generator must not share the server's event loop (the durable baseline
// it is compared with has no HTTP client at all). A child process rather than a worker thread, because a worker thread
// does not get tsx's loader. The same files as fixtures.upload: ~100 KB PDFs, each made distinct.
import { spawn } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { multipartBody, samplePdf } from "./payloads.js";

interface UploadRun {
  url: string;
  token: string;
  typeId: string;
  total: number;
  concurrency: number;
}

export interface UploadsDone {
  seconds: number;
  /** CPU the client process spent (user + system), in ms. */
  clientCpuMs: number;
}

/** Uploads `total` documents, `concurrency` at a time, from a child process. */
export function uploadsFromChild(run: UploadRun): Promise<UploadsDone> {
  return new Promise((resolve, reject) => {
    const self = fileURLToPath(import.meta.url);
    const child = spawn(process.execPath, [...process.execArgv, self, JSON.stringify(run)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out) as UploadsDone) : reject(new Error(`the upload client exited with ${code}`)),
    );
  });
}

const agent = new http.Agent({ keepAlive: true });

function post(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      agent,
      headers: { ...headers, "content-length": body.length },
    });
    request.once("error", reject);
    request.once("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.once("error", reject);
      response.once("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    request.end(body);
  });
}

async function uploadAll({ url, token, typeId, total, concurrency }: UploadRun): Promise<UploadsDone> {
  const pdfs = Array.from({ length: 50 }, (_, i) => samplePdf(100 * 1024, i));
  const body = (i: number) =>
    multipartBody(
      { typeId, title: `Договор поставки ${i}` },
      {
        name: `dogovor-${i}.pdf`,
        type: "application/pdf",
        data: Buffer.concat([pdfs[i % pdfs.length]!, Buffer.from(`%${i}\n`)]),
      },
    );
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const { body: data, contentType } = body(next++);
        const { status, text } = await post(`${url}/api/documents`, data, {
          authorization: `Bearer ${token}`,
          "content-type": contentType,
        });
        if (status !== 201) throw new Error(`upload → ${status} ${text}`);
      }
    }),
  );
  const { user, system } = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, clientCpuMs: (user + system) / 1000 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await uploadAll(JSON.parse(process.argv[2]!) as UploadRun)));
}
