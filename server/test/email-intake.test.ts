import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pollMailbox } from "../src/modules/intake/index.js";
import { DOVECOT, MAIL_PASSWORD, startDovecot, type Dovecot } from "./dovecot.js";
import { createTestApp, type TestApp } from "./harness.js";
import { createDocumentType } from "./documents-helpers.js";
import { imapConfigFor, pdfAttachment, rawMail, type MailSpec } from "./intake-helpers.js";

// Locally a missing Dovecot skips this suite; CI (CI=true) installs dovecot-imapd, and there a missing one fails.
const run = DOVECOT || process.env.CI ? describe : describe.skip;

const VALID_INN = "7707083893";

run("email intake against a real Dovecot", () => {
  let dovecot: Dovecot;
  let t: TestApp | undefined;

  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** An app polling its own folder of the test mailbox, with an "incoming" type that has a sender field. */
  async function intakeApp(): Promise<{ t: TestApp; folder: string; type: any }> {
    const folder = `in${randomBytes(4).toString("hex")}`;
    const client = await dovecot.client();
    await client.mailboxCreate(folder);
    await client.logout();
    const typeCode = `incoming${randomBytes(3).toString("hex")}`;
    t = await createTestApp({ imap: imapConfigFor(dovecot, folder, typeCode) });
    const type = await createDocumentType(t.admin, {
      code: typeCode,
      name: "Входящий документ",
      folder: "Входящие/{yyyy}",
      numbering: { template: "ВХ-{yyyy}-{n:5}", reset: "year" },
      fields: [{ key: "sender", label: "Отправитель", type: "text" }],
    });
    return { t, folder, type };
  }

  const documentsOf = async (app: TestApp, typeId: string) =>
    (await app.admin.get(`/api/documents?typeId=${typeId}&limit=200`)).body.items as any[];

  it("registers each attachment once as a numbered document titled by the subject, and moves the message to the done folder", async () => {
    const { t, folder, type } = await intakeApp();
    const message = rawMail({
      messageId: "<contract-42@romashka.ru>",
      from: "Ромашка <office@romashka.ru>",
      subject: "Договор поставки №42",
      attachments: [
        pdfAttachment("Договор №42.pdf"),
        { name: "Спецификация.txt", type: "text/plain", content: "позиция 1; позиция 2" },
      ],
    });
    await dovecot.deliver(message, folder);

    expect(await pollMailbox(t.ctx)).toMatchObject({ registered: 1, failed: 0 });
    const docs = await documentsOf(t, type.id);
    expect(docs).toHaveLength(2);
    expect(docs.map((d) => d.file.name).sort()).toEqual(["Договор №42.pdf", "Спецификация.txt"]);
    for (const d of docs) {
      expect(d.title).toBe("Договор поставки №42");
      expect(d.number).toMatch(/^ВХ-\d{4}-0000[12]$/);
      expect(d.fields.sender).toBe("office@romashka.ru");
    }
    const pdf = docs.find((d) => d.file.name.endsWith(".pdf"));
    expect((await t.admin.get(`/api/documents/${pdf.id}/file`)).raw.toString()).toBe("%PDF-1.4 Договор №42.pdf");
    expect(await dovecot.list(folder)).toEqual([]);
    expect((await dovecot.list(`${folder}-done`)).map((m) => m.messageId)).toEqual(["<contract-42@romashka.ru>"]);

    // The same message arriving again (a resend, a second copy in the mailbox) registers nothing new.
    await dovecot.deliver(message, folder);
    expect(await pollMailbox(t.ctx)).toMatchObject({ registered: 0, alreadyRegistered: 1 });
    expect(await documentsOf(t, type.id)).toHaveLength(2);
    expect(await dovecot.list(folder)).toEqual([]);
    expect(await dovecot.list(`${folder}-done`)).toHaveLength(2);

    const status = (await t.admin.get("/api/intake")).body;
    expect(status).toMatchObject({ state: "ok", typeCode: type.code, doneFolder: `${folder}-done` });
    expect(status.mailbox).not.toContain(MAIL_PASSWORD);
    expect(status.recent).toEqual([
      expect.objectContaining({
        messageId: "<contract-42@romashka.ru>",
        state: "registered",
        documentIds: expect.any(Array),
      }),
    ]);
    expect((await t.anonymous().get("/api/health")).body.intake).toBe("ok");
  });

  it("finds the company by an INN in the body, or by the sender's address or domain", async () => {
    const { t, folder, type } = await intakeApp();
    const byInn = (await t.admin.post("/api/companies", { name: "ООО Ромашка", inn: VALID_INN })).body;
    const byDomain = (await t.admin.post("/api/companies", { name: "ООО Лютик", email: "info@lutik.ru" })).body;
    const deliver = (mail: MailSpec) => dovecot.deliver(rawMail(mail), folder);
    const text = `Направляем счёт. Наш ИНН ${VALID_INN}, КПП 773601001. Телефон 84951234567.`;
    await deliver({ from: "someone@gmail.com", subject: "Счёт", text, attachments: [pdfAttachment("счёт.pdf")] });
    await deliver({ from: "buh@lutik.ru", subject: "Акт", attachments: [pdfAttachment("акт.pdf")] });
    // An INN-like number with a bad checksum matches nothing.
    await deliver({ from: "x@gmail.com", subject: "Без компании 7707083894", attachments: [pdfAttachment("x.pdf")] });
    expect(await pollMailbox(t.ctx)).toMatchObject({ registered: 3 });
    const docs = await documentsOf(t, type.id);
    expect(docs.find((d) => d.title === "Счёт").companyId).toBe(byInn.id);
    expect(docs.find((d) => d.title === "Акт").companyId).toBe(byDomain.id);
    expect(docs.find((d) => d.title.startsWith("Без компании")).companyId).toBeNull();
    // The company card lists it.
    const cardDocs = (await t.admin.get(`/api/companies/${byInn.id}/documents`)).body.items;
    expect(cardDocs.map((d: any) => d.title)).toEqual(["Счёт"]);
  });

  it("keeps a message without attachments as its .eml", async () => {
    const { t, folder, type } = await intakeApp();
    const message = rawMail({ subject: "Просьба перезвонить", text: "Перезвоните, пожалуйста, по договору 17." });
    await dovecot.deliver(message, folder);
    expect(await pollMailbox(t.ctx)).toMatchObject({ registered: 1 });
    const [doc, ...others] = await documentsOf(t, type.id);
    expect(others).toEqual([]);
    expect(doc.title).toBe("Просьба перезвонить");
    expect(doc.file).toMatchObject({ name: "Просьба перезвонить.eml", mimeType: "message/rfc822" });
    const eml = (await t.admin.get(`/api/documents/${doc.id}/file`)).raw.toString();
    expect(eml).toContain("Subject: =?UTF-8?B?");
    expect(eml).toContain(Buffer.from("Перезвоните, пожалуйста, по договору 17.").toString("base64"));
  });

  it("moves an unreadable message to <done>/Failed with the reason, registers nothing, and goes on with the next", async () => {
    const { t, folder, type } = await intakeApp();
    await dovecot.deliver(
      rawMail({
        messageId: "<broken@example.org>",
        subject: "Повреждённое вложение",
        attachments: [{ name: "скан.pdf", type: "application/pdf", content: "", encoded: "!!!!****" }],
      }),
      folder,
    );
    await dovecot.deliver("\x00\x01\x02 not a message at all", folder);
    await dovecot.deliver(rawMail({ subject: "Нормальное письмо" }), folder);

    expect(await pollMailbox(t.ctx)).toMatchObject({ registered: 1, failed: 2 });
    const docs = await documentsOf(t, type.id);
    expect(docs.map((d) => d.title)).toEqual(["Нормальное письмо"]);
    expect(await dovecot.list(folder)).toEqual([]);
    expect(await dovecot.list(`${folder}-done/Failed`)).toHaveLength(2);
    expect(await dovecot.list(`${folder}-done`)).toHaveLength(1);

    const failed = (await t.admin.get("/api/intake")).body.recent.filter((m: any) => m.state === "failed");
    expect(failed.map((m: any) => m.reason).sort()).toEqual([
      "not an email message: it has no headers",
      'the attachment "скан.pdf" is empty or its encoding is damaged',
    ]);
    // Never retried: the next poll finds nothing to do.
    expect(await pollMailbox(t.ctx)).toMatchObject({ registered: 0, failed: 0, alreadyRegistered: 0 });
  });

  it("refuses a message over the upload limit into Failed, naming the limit", async () => {
    const folder = `in${randomBytes(4).toString("hex")}`;
    const client = await dovecot.client();
    await client.mailboxCreate(folder);
    await client.logout();
    t = await createTestApp({ imap: imapConfigFor(dovecot, folder, "incoming"), maxUploadBytes: 64 * 1024 });
    await createDocumentType(t.admin, { code: "incoming" });
    await dovecot.deliver(
      rawMail({
        subject: "Большое",
        attachments: [{ name: "big.bin", type: "application/octet-stream", content: randomBytes(200 * 1024) }],
      }),
      folder,
    );
    expect(await pollMailbox(t.ctx)).toMatchObject({ failed: 1 });
    expect(await dovecot.list(`${folder}-done/Failed`)).toHaveLength(1);
    const [failed] = (await t.admin.get("/api/intake")).body.recent;
    expect(failed.reason).toMatch(/over the 0\.1 MB upload limit/);
  });

  it("polls through the job queue and reports a missing document type without losing the message", async () => {
    const folder = `in${randomBytes(4).toString("hex")}`;
    const client = await dovecot.client();
    await client.mailboxCreate(folder);
    await client.logout();
    t = await createTestApp({ imap: imapConfigFor(dovecot, folder, "nosuchtype") });
    await dovecot.deliver(rawMail({ subject: "Ждёт тип" }), folder);
    t.clock.advance(61_000);
    await t.runJobs();
    const status = (await t.admin.get("/api/intake")).body;
    expect(status.state).toBe("failing");
    expect(status.lastError).toContain('document type "nosuchtype" does not exist');
    expect((await t.anonymous().get("/api/health")).body.intake).toBe("failing");
    expect(await dovecot.list(folder)).toHaveLength(1);

    // Once the type exists, the next poll (queued by the last one) registers the waiting message.
    await createDocumentType(t.admin, { code: "nosuchtype" });
    t.clock.advance(61_000);
    await t.runJobs();
    expect((await t.admin.get("/api/intake")).body).toMatchObject({ state: "ok", lastError: null });
    expect(await dovecot.list(folder)).toEqual([]);
  });
});

describe("email intake switched off", () => {
  it("starts without DOCKET_IMAP_URL and says intake is off", async () => {
    const app = await createTestApp();
    try {
      expect((await app.anonymous().get("/api/health")).body).toMatchObject({ status: "ok", intake: "off" });
      expect((await app.admin.get("/api/intake")).body).toMatchObject({ state: "off", mailbox: null, recent: [] });
      expect(await pollMailbox(app.ctx)).toEqual({ registered: 0, failed: 0, alreadyRegistered: 0, more: false });
    } finally {
      await app.close();
    }
  });
});
