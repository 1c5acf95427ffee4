import { afterAll, describe, expect, it } from "vitest";
import { createDocumentType, makePdf } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";
import { davClient, davList, davUrl, lockBody } from "./webdav-helpers.js";

const YEAR_FOLDER = "/dav/Договоры/2026";

const t = await createTestApp({ loginAttempts: 3 });
afterAll(async () => t.close());
const dav = await davClient(t, t.admin);
const contractType = await createDocumentType(t.admin, {
  code: "contract",
  name: "Договор",
  folder: "Договоры/{yyyy}",
});
expect((await dav.request("MKCOL", "/dav/Договоры/")).status).toBe(201);
expect((await dav.request("MKCOL", `${YEAR_FOLDER}/`)).status).toBe(201);

const contracts = async () =>
  (await t.admin.get(`/api/documents?typeId=${contractType.id}&limit=200`)).body.items as any[];
const history = async (id: string) => (await t.admin.get(`/api/documents/${id}/history`)).body.items as any[];
const driveFiles = async (path: string) =>
  (await t.admin.get(`/api/drive?path=${encodeURIComponent(path)}`)).body.files as any[];

/** Puts a file and returns the document registered for it (or that it already was). */
async function putDocument(name: string, body: string | Buffer) {
  const res = await dav.request("PUT", `${YEAR_FOLDER}/${name}`, { body });
  expect([201, 204]).toContain(res.status);
  const doc = (await contracts()).find((d) => d.file.name === name);
  expect(doc, name).toBeDefined();
  return doc;
}

describe("WebDAV sign-in", () => {
  it("takes the email and an app password (never the account password), or a bearer token; 401 asks for Basic", async () => {
    const anonymous = await t.app.inject({ method: "PROPFIND" as "GET", url: "/dav/", headers: { depth: "0" } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toMatch(/^Basic realm="Docket"/);
    expect((await dav.request("PROPFIND", "/dav/", { headers: { depth: "0" } })).status).toBe(207);

    const user = await t.userClient("Dav Signin");
    const email = (await user.get("/api/auth/me")).body.user.email;
    const token = (await user.post("/api/tokens", { name: "phone" })).body.token;
    const basic = (secret: string, who = email) => `Basic ${Buffer.from(`${who}:${secret}`).toString("base64")}`;
    const as = (authorization: string) =>
      t.app.inject({ method: "PROPFIND" as "GET", url: "/dav/", headers: { depth: "0", authorization } });
    expect((await as(basic("user-password-1"))).statusCode).toBe(401);
    expect((await as(basic(token, dav.email))).statusCode).toBe(401); // someone else's email
    expect((await as(basic(token))).statusCode).toBe(207);
    expect((await as(`Bearer ${token}`)).statusCode).toBe(207);
    // OPTIONS tells clients what we speak before they sign in.
    const options = await t.app.inject({ method: "OPTIONS", url: "/dav/" });
    expect(options.headers.dav).toBe("1, 2");
  });

  it("failed sign-ins are limited like the login form (429 with Retry-After)", async () => {
    const user = await t.userClient("Dav Guesser");
    const email = (await user.get("/api/auth/me")).body.user.email;
    const guess = (secret: string) =>
      t.app.inject({
        method: "PROPFIND" as "GET",
        url: "/dav/",
        headers: { depth: "0", authorization: `Basic ${Buffer.from(`${email}:${secret}`).toString("base64")}` },
      });
    for (let i = 0; i < 3; i++) expect((await guess(`dkt_wrong${i}`)).statusCode).toBe(401);
    const limited = await guess("dkt_wrong");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // The same limiter guards the login form for that address and email.
    expect((await t.anonymous().post("/api/auth/login", { email, password: "user-password-1" })).status).toBe(429);
  });
});

describe("WebDAV writes follow the document rules", () => {
  it("a new file in a document type's folder is a numbered document that stays where the client put it; PUT again is version 2", async () => {
    const pdf = makePdf(["Договор поставки"]);
    const put = await dav.request("PUT", `${YEAR_FOLDER}/Поставка.pdf`, { body: pdf });
    expect(put.status).toBe(201);
    const [doc] = await contracts();
    expect(doc).toMatchObject({
      title: "Поставка",
      file: { name: "Поставка.pdf", version: 1 },
      folder: { path: "/Договоры/2026" },
    });
    expect(doc.number).toMatch(/\d/);
    expect((await driveFiles("/Договоры/2026")).map((f) => [f.name, f.documentId])).toEqual([["Поставка.pdf", doc.id]]);

    const again = await dav.request("PUT", `${YEAR_FOLDER}/Поставка.pdf`, { body: "second version" });
    expect(again.status).toBe(204);
    const updated = (await t.admin.get(`/api/documents/${doc.id}`)).body;
    expect(updated).toMatchObject({ number: doc.number, file: { name: "Поставка.pdf", version: 2 } });
    expect((await dav.request("GET", `${YEAR_FOLDER}/Поставка.pdf`)).text).toBe("second version");
    const last = (await history(doc.id)).at(-1);
    expect(last).toMatchObject({ action: "document.version_added", actor: { name: "Administrator" } });
    expect(last.details).toMatchObject({ version: 2, via: "webdav" });
    expect(await contracts()).toHaveLength(1);
  });

  it("elsewhere a file is a plain drive file; office temporary files never become documents and can be deleted", async () => {
    expect((await dav.request("MKCOL", "/dav/Общие/")).status).toBe(201);
    expect((await dav.request("PUT", "/dav/Общие/заметки.txt", { body: "plain" })).status).toBe(201);
    const before = (await contracts()).length;
    for (const name of ["~$Поставка.docx", ".~lock.Поставка.docx#", "x.tmp", "~WRL0001.tmp"]) {
      expect((await dav.request("PUT", `${YEAR_FOLDER}/${name}`, { body: "temp" })).status, name).toBe(201);
    }
    expect(await contracts()).toHaveLength(before);
    expect((await driveFiles("/Общие")).map((f) => [f.name, f.documentId])).toEqual([["заметки.txt", null]]);
    for (const name of ["~$Поставка.docx", ".~lock.Поставка.docx#", "x.tmp", "~WRL0001.tmp"]) {
      expect((await dav.request("DELETE", `${YEAR_FOLDER}/${name}`)).status, name).toBe(204);
    }
    expect((await driveFiles("/Договоры/2026")).filter((f) => f.documentId === null)).toEqual([]);
    expect((await dav.request("GET", "/dav/Общие/заметки.txt")).text).toBe("plain");
  });

  it("MOVE renames a document's file and keeps its number; DELETE archives it (history and file kept)", async () => {
    const doc = await putDocument("Аренда.pdf", "lease");
    const moved = await dav.request("MOVE", `${YEAR_FOLDER}/Аренда.pdf`, {
      headers: { destination: davUrl(`${YEAR_FOLDER}/Аренда офиса.pdf`) },
    });
    expect(moved.status).toBe(201);
    expect(await davList(dav, `${YEAR_FOLDER}/`)).toContain(`${YEAR_FOLDER}/Аренда офиса.pdf`);
    expect(await davList(dav, `${YEAR_FOLDER}/`)).not.toContain(`${YEAR_FOLDER}/Аренда.pdf`);
    expect((await t.admin.get(`/api/documents/${doc.id}`)).body.number).toBe(doc.number);

    expect((await dav.request("DELETE", `${YEAR_FOLDER}/Аренда офиса.pdf`)).status).toBe(204);
    expect(await davList(dav, `${YEAR_FOLDER}/`)).not.toContain(`${YEAR_FOLDER}/Аренда офиса.pdf`);
    const archived = (await t.admin.get(`/api/documents/${doc.id}`)).body;
    expect(archived).toMatchObject({ state: "archived", number: doc.number });
    expect((await t.admin.get(`/api/documents/${doc.id}/file`)).body).toBe("lease");
    expect((await history(doc.id)).at(-1)).toMatchObject({ action: "document.archived", details: { via: "webdav" } });
  });

  it("LibreOffice's save (LOCK, PUT of a temporary file, MOVE over the original, UNLOCK) is exactly one new version", async () => {
    const doc = await putDocument("Смета.odt", "v1");
    const documentsBefore = (await contracts()).length;
    const lock = await dav.request("LOCK", `${YEAR_FOLDER}/Смета.odt`, {
      body: lockBody(),
      headers: { timeout: "Second-600", "content-type": "application/xml" },
    });
    expect(lock.status).toBe(200);
    const token = String(lock.headers["lock-token"]).replace(/[<>]/g, "");
    expect((await dav.request("PUT", `${YEAR_FOLDER}/.~lock.Смета.odt#`, { body: "owner" })).status).toBe(201);
    // Someone else's save without the lock token is refused while the lock lasts.
    expect((await dav.request("PUT", `${YEAR_FOLDER}/Смета.odt`, { body: "intruder" })).status).toBe(423);

    expect((await dav.request("PUT", `${YEAR_FOLDER}/lu3k2q.tmp`, { body: "v2 saved" })).status).toBe(201);
    const move = await dav.request("MOVE", `${YEAR_FOLDER}/lu3k2q.tmp`, {
      // The lock is on the destination, so the token is tagged with it (RFC 4918 §10.4), as LibreOffice sends it.
      headers: {
        destination: davUrl(`${YEAR_FOLDER}/Смета.odt`),
        overwrite: "T",
        if: `<http://localhost${davUrl(`${YEAR_FOLDER}/Смета.odt`)}> (<${token}>)`,
      },
    });
    expect(move.status).toBe(204);
    expect(
      (await dav.request("UNLOCK", `${YEAR_FOLDER}/Смета.odt`, { headers: { "lock-token": `<${token}>` } })).status,
    ).toBe(204);
    expect((await dav.request("DELETE", `${YEAR_FOLDER}/.~lock.Смета.odt#`)).status).toBe(204);

    const after = (await t.admin.get(`/api/documents/${doc.id}`)).body;
    expect(after).toMatchObject({ number: doc.number, state: "active", file: { name: "Смета.odt", version: 2 } });
    expect(await contracts()).toHaveLength(documentsBefore);
    expect((await history(doc.id)).filter((h) => h.action === "document.version_added")).toHaveLength(1);
    expect((await dav.request("GET", `${YEAR_FOLDER}/Смета.odt`)).text).toBe("v2 saved");
    const names = (await driveFiles("/Договоры/2026")).map((f) => f.name);
    expect(names.filter((n) => /tmp|lock/.test(n))).toEqual([]);
  });

  it("MS Office's save (~$ owner file, temporary write, rename the original away, rename the new one in) is exactly one new version", async () => {
    const doc = await putDocument("Отчёт.docx", "word v1");
    const documentsBefore = (await contracts()).length;
    const step = async (method: string, name: string, options: { body?: string; to?: string } = {}) => {
      const res = await dav.request(method, `${YEAR_FOLDER}/${name}`, {
        ...(options.body !== undefined && { body: options.body }),
        ...(options.to && { headers: { destination: davUrl(`${YEAR_FOLDER}/${options.to}`), overwrite: "F" } }),
      });
      expect(res.status, `${method} ${name}`).toBeLessThan(300);
    };
    await step("PUT", "~$Отчёт.docx", { body: "owner: Administrator" });
    await step("PUT", "~WRD0001.tmp", { body: "word v2" });
    await step("MOVE", "Отчёт.docx", { to: "~WRL0002.tmp" });
    await step("MOVE", "~WRD0001.tmp", { to: "Отчёт.docx" });
    await step("DELETE", "~WRL0002.tmp");
    await step("DELETE", "~$Отчёт.docx");

    const after = (await t.admin.get(`/api/documents/${doc.id}`)).body;
    expect(after).toMatchObject({ number: doc.number, state: "active", file: { name: "Отчёт.docx", version: 2 } });
    expect(await contracts()).toHaveLength(documentsBefore);
    expect((await dav.request("GET", `${YEAR_FOLDER}/Отчёт.docx`)).text).toBe("word v2");
    // The old bytes stay as version 1; nothing temporary is left on the drive.
    expect((await t.admin.get(`/api/documents/${doc.id}/file?version=1`)).body).toBe("word v1");
    const names = (await driveFiles("/Договоры/2026")).map((f) => f.name);
    expect(names.filter((n) => n.startsWith("~"))).toEqual([]);
    expect(names).toContain("Отчёт.docx");
  });
});

describe("WebDAV reads", () => {
  it("GET serves ranges; PROPFIND answers depth 0 and 1 and refuses infinity", async () => {
    await putDocument("Диапазон.txt", "0123456789");
    const part = await dav.request("GET", `${YEAR_FOLDER}/Диапазон.txt`, { headers: { range: "bytes=2-5" } });
    expect(part.status).toBe(206);
    expect(part.text).toBe("2345");
    expect(part.headers["content-range"]).toBe("bytes 2-5/10");
    expect((await dav.request("GET", `${YEAR_FOLDER}/Диапазон.txt`, { headers: { range: "bytes=50-" } })).status).toBe(
      416,
    );
    const head = await dav.request("HEAD", `${YEAR_FOLDER}/Диапазон.txt`);
    expect(head.headers["content-length"]).toBe("10");
    const infinity = await dav.request("PROPFIND", "/dav/", { headers: { depth: "infinity" } });
    expect(infinity.status).toBe(403);
    expect(infinity.text).toContain("propfind-finite-depth");
    const zero = await dav.request("PROPFIND", `${YEAR_FOLDER}/Диапазон.txt`, { headers: { depth: "0" } });
    expect(zero.text).toContain("<D:getcontentlength>10</D:getcontentlength>");
    expect(zero.text).toContain("document-number");
  });

  it("a user without access sees neither the file nor its folder", async () => {
    const secret = await createDocumentType(t.admin, {
      code: "hr",
      name: "Кадры",
      folder: "Кадры/{yyyy}",
      access: "participants",
    });
    const author = await davClient(t, await t.userClient("Dav Author"));
    const outsider = await davClient(t, await t.userClient("Dav Outsider"));
    expect((await author.request("MKCOL", "/dav/Кадры/")).status).toBe(201);
    expect((await author.request("MKCOL", "/dav/Кадры/2026/")).status).toBe(201);
    expect((await author.request("PUT", "/dav/Кадры/2026/Приказ.txt", { body: "secret" })).status).toBe(201);
    const [doc] = (await t.admin.get(`/api/documents?typeId=${secret.id}`)).body.items;
    expect(doc.createdBy).toBeTruthy();

    expect(await davList(author, "/dav/Кадры/")).toEqual(["/dav/Кадры/2026/"]);
    expect(await davList(outsider, "/dav/Кадры/")).toEqual([]);
    expect((await outsider.request("PROPFIND", "/dav/Кадры/2026/", { headers: { depth: "1" } })).status).toBe(404);
    expect((await outsider.request("GET", "/dav/Кадры/2026/Приказ.txt")).status).toBe(404);
    expect((await outsider.request("DELETE", "/dav/Кадры/2026/Приказ.txt")).status).toBe(404);
    expect((await t.admin.get(`/api/documents/${doc.id}`)).body.state).toBe("active");
  });
});
