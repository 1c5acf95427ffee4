import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../scripts/build.mjs";
import { buildReason, writeStamp } from "../../scripts/build-stamp.mjs";
import { makePdf, multipart, oneStatusType } from "./documents-helpers.js";
import { ADMIN, freshDatabaseUrl } from "./harness.js";
import { CompiledServer, freePort, testServerEnv } from "./server-process.js";

const REPO = path.resolve(import.meta.dirname, "../..");

describe("npm start's build decision", () => {
  let root: string;
  const write = (file: string, content = "x") => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  };
  const touch = (file: string, secondsAhead: number) => {
    const at = new Date(Date.now() + secondsAhead * 1000);
    fs.utimesSync(path.join(root, file), at, at);
  };

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "docket-stamp-"));
    write("server/src/main.ts", "console.log(1)");
    write("server/src/main.test.ts", "test");
    write("web/src/App.tsx", "<App />");
    write("common/src/index.ts", "export {}");
    write("package.json", "{}");
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("builds a fresh clone once, not again, and again after a source changes", () => {
    expect(buildReason(root)).toBe("server/dist/main.js is missing");
    // What a build leaves behind.
    write("server/dist/main.js");
    write("web/dist/index.html");
    expect(buildReason(root)).toBe("no build stamp");
    writeStamp(root);
    expect(buildReason(root)).toBeNull();
    expect(buildReason(root)).toBeNull(); // a second start does not rebuild

    touch("web/src/App.tsx", 5); // `touch`, or a `git pull` that rewrote it
    expect(buildReason(root)).toBe("sources changed since the last build");
    writeStamp(root);
    expect(buildReason(root)).toBeNull();

    write("common/src/new-module.ts"); // an added file
    expect(buildReason(root)).toBe("sources changed since the last build");
    writeStamp(root);

    touch("server/src/main.test.ts", 10); // tests are not part of the build
    expect(buildReason(root)).toBeNull();

    fs.rmSync(path.join(root, "web/dist/index.html")); // a half-removed build
    expect(buildReason(root)).toBe("web/dist/index.html is missing");
  });
});

describe("the compiled server", () => {
  // Same depth as server/dist, so the bundle finds ../../web/dist and ../../package.json as in production.
  const outdir = path.join(REPO, "server", `dist-test-${process.pid}-${process.env.DOCKET_TEST_DB ?? "sqlite"}`);
  let server: CompiledServer;
  let dataDir: string;
  let cookie = "";
  let csrf = "";
  let type: { id: string };
  let metafile: Metafile;

  const api = async (method: string, url: string, body?: unknown, contentType = "application/json") => {
    const res = await fetch(`${server.base}${url}`, {
      method,
      headers: { cookie, "x-csrf-token": csrf, ...(body !== undefined && { "content-type": contentType }) },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text,
    };
  };
  const login = async () => {
    const res = await fetch(`${server.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  };

  beforeAll(async () => {
    metafile = await buildServer(outdir);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-compiled-"));
    server = new CompiledServer(
      path.join(outdir, "main.js"),
      await freePort(),
      testServerEnv(dataDir, await freshDatabaseUrl(dataDir)),
    );
    await server.start();
    await login();
    type = (await api("POST", "/api/document-types", oneStatusType("compiled", "Письмо", "П-{n}"))).body;
  }, 120_000);

  afterAll(async () => {
    await server?.stop("SIGKILL");
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs plain JavaScript: no TypeScript loader on its command line, and its text-extraction thread works", async () => {
    const cmdline = fs.readFileSync(`/proc/${server.child!.pid}/cmdline`, "utf8").split("\0");
    expect(cmdline.join(" ")).toContain(path.join(outdir, "main.js"));
    expect(cmdline.join(" ")).not.toMatch(/tsx|ts-node|\.ts\b/);

    const { payload, contentType } = multipart({
      typeId: type.id,
      file: {
        filename: "scan.pdf",
        content: makePdf(["Скомпилированный сервер извлекает текст"]),
        contentType: "application/pdf",
      },
    });
    expect((await api("POST", "/api/documents", payload, contentType)).status).toBe(201);
    // The PDF's words become searchable once the worker's extraction thread (a compiled bundle too) has read them.
    const deadline = Date.now() + 30_000;
    let found = 0;
    while (Date.now() < deadline && found === 0) {
      found = (await api("GET", `/api/documents?q=${encodeURIComponent("извлекает")}`)).body.items.length;
      if (found === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(found).toBe(1);
  });

  it("loads the big libraries on first use only, and they work from the compiled build", async () => {
    // What main.js needs before it serves: itself and every module it imports statically, transitively.
    const outputs = metafile.outputs;
    const loadedAtStart = new Set<string>();
    const walk = (output: string) => {
      for (const imported of outputs[output]!.imports) {
        if (imported.kind === "dynamic-import" || loadedAtStart.has(imported.path)) continue;
        loadedAtStart.add(imported.path);
        if (!imported.external) walk(imported.path);
      }
    };
    walk(Object.keys(outputs).find((file) => file.endsWith("/main.js"))!);
    const lazy = "exceljs docxtemplater pizzip imapflow mailparser nodemailer openid-client ldapts tar pg".split(" ");
    for (const library of lazy) expect(loadedAtStart).not.toContain(library);

    // exceljs comes from its own chunk, loaded by the first XLSX export.
    const res = await fetch(`${server.base}/api/documents/export?format=xlsx&typeId=${type.id}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const xlsx = Buffer.from(await res.arrayBuffer());
    expect(xlsx.subarray(0, 2).toString()).toBe("PK"); // a zip, as every .xlsx
  });

  it("SIGTERM during an upload: the upload completes, then the server exits cleanly; nothing is half-stored", async () => {
    const content = Buffer.alloc(2 * 1024 * 1024, 7);
    const { payload, contentType } = multipart({ typeId: type.id, file: { filename: "большой.bin", content } });
    const half = Math.floor(payload.length / 2);
    const upload = new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request(`${server.base}/api/documents`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrf, "content-type": contentType, "content-length": payload.length },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
      });
      req.on("error", reject);
      req.write(payload.subarray(0, half), () => {
        void (async () => {
          await new Promise((r) => setTimeout(r, 300)); // the request is in the handler, streaming the file
          const exited = server.stop("SIGTERM");
          // Wait until the server refuses new connections: it is shutting down with our upload still open.
          while (
            await fetch(`${server.base}/api/health`).then(
              () => true,
              () => false,
            )
          ) {
            await new Promise((r) => setTimeout(r, 50));
          }
          req.end(payload.subarray(half));
          exitCode = await exited;
        })();
      });
    });
    let exitCode: number | null = -1;
    const result = await upload;
    while (exitCode === -1) await new Promise((r) => setTimeout(r, 50));
    expect(exitCode).toBe(0);

    await server.start();
    await login();
    const docs = (await api("GET", `/api/documents?typeId=${type.id}`)).body.items;
    const stored = docs.filter((d: any) => d.file.name === "большой.bin");
    if (result.status === 201) {
      expect(stored).toHaveLength(1);
      const file = await fetch(`${server.base}/api/documents/${stored[0].id}/file`, { headers: { cookie } });
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(createHash("sha256").update(content).digest("hex"));
    } else {
      // Refused cleanly: a 503 answer, and no trace of the document.
      expect(result.status).toBe(503);
      expect(stored).toHaveLength(0);
    }
  });
});
