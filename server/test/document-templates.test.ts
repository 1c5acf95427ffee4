import { strToU8, zipSync } from "fflate";
import PizZip from "pizzip";
import { afterAll, describe, expect, it } from "vitest";
import { extractOfficeText, OFFICE_FORMATS } from "../src/modules/documents/office-text.js";
import { createDocumentType, makeDocx, postMultipart } from "./documents-helpers.js";
import { createTestApp } from "./harness.js";
import { makeBombDocx } from "./hostile-files.js";
import { addRobot, createItem, createProcess, moveItem } from "./process-helpers.js";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * A DOCX as Word writes one after an edit: placeholders broken over several runs with their own formatting
 * (`{{comp` + `any.name}}`, `{{` + `number` + `}}`), in the body and in a header part.
 */
function splitRunsDocx(): Buffer {
  const run = (text: string, bold = false) =>
    `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${text}</w:t></w:r>`;
  const p = (...runs: string[]) => `<w:p>${runs.join("")}</w:p>`;
  const body = [
    p(run("Договор № "), run("{{", true), run("number", true), run("}}", true), run(" от {{date}}")),
    p(run("«{{title}}» по заявке «{{item."), run("title}}»")),
    p(run("Контрагент: {{comp"), run("any.name}}", true), run(", ИНН {{company.inn}}, КПП {{company.kpp}}")),
    p(run("Адрес: {{company.add"), run("ress}}")),
    p(run("Сумма: {{fields.amount}} руб., срок {{fields.due}}")),
    p(run("Инициатор: {{initiator.name}}; ответственный: {{responsible.na"), run("me}}")),
  ].join("");
  const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  return Buffer.from(
    zipSync({
      "[Content_Types].xml": xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
          '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' +
          "</Types>",
      ),
      "_rels/.rels": xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
          "</Relationships>",
      ),
      "word/_rels/document.xml.rels": xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>' +
          "</Relationships>",
      ),
      "word/header1.xml": xml(`<w:hdr ${ns}>${p(run("Экз. к документу {{num"), run("ber}}"))}</w:hdr>`),
      "word/document.xml": xml(
        `<w:document ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}` +
          '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/></w:sectPr></w:body></w:document>',
      ),
    }),
  );
}

const docxText = (bytes: Buffer) => extractOfficeText(bytes, OFFICE_FORMATS[DOCX_MIME]!).replace(/\s+/g, " ");

const t = await createTestApp();
afterAll(async () => t.close());
const type = await createDocumentType(t.admin, {
  fields: [
    { key: "amount", label: "Сумма", type: "money" },
    { key: "due", label: "Срок", type: "date" },
  ],
});
const company = (
  await t.admin.post("/api/companies", {
    name: "ООО «Ромашка»",
    inn: "7707083893",
    kpp: "773601001",
    address: "Москва, ул. Вавилова, 19",
  })
).body;
const process = await createProcess(t.admin);

const upload = (parts: { name?: string; typeId?: string; file: Buffer | string; filename?: string }) =>
  postMultipart(t.admin, "/api/document-templates", {
    name: parts.name ?? "Договор поставки",
    typeId: parts.typeId ?? type.id,
    file: { filename: parts.filename ?? "dogovor.docx", content: parts.file, contentType: DOCX_MIME },
  });
const templateNames = async () =>
  ((await t.admin.get("/api/document-templates")).body.items as { name: string }[]).map((x) => x.name);

async function newItem(title: string) {
  const initiator = await t.userClient(`Инициатор ${title}`);
  const responsible = await t.userClient(`Ответственный ${title}`);
  const item = await createItem(initiator, process.id, {
    title,
    companyId: company.id,
    responsibleId: responsible.user.id,
    fields: { amount: 150000, due: "2026-12-31" },
  });
  return { item, initiator, responsible };
}

describe("document templates", () => {
  it("fills every placeholder of a template whose placeholders Word split across runs, with the document's own number", async () => {
    const uploaded = await upload({ file: splitRunsDocx() });
    expect(uploaded.status).toBe(201);
    expect([...uploaded.body.placeholders].sort()).toEqual(
      [
        "number",
        "date",
        "title",
        "item.title",
        "company.name",
        "company.inn",
        "company.kpp",
        "company.address",
        "fields.amount",
        "fields.due",
        "initiator.name",
        "responsible.name",
      ].sort(),
    );
    expect(await templateNames()).toContain("Договор поставки");

    const { item, initiator, responsible } = await newItem("Поставка бумаги");
    const res = await initiator.post(`/api/items/${item.id}/generate`, { templateId: uploaded.body.id });
    expect(res.status).toBe(201);
    const doc = res.body;
    expect(doc.number).toMatch(/^Д-\d{4}-\d{4}$/);
    expect(doc).toMatchObject({ title: "Договор поставки", companyId: company.id, itemIds: [item.id] });
    expect(doc.fields).toEqual({ amount: 150000, due: "2026-12-31" });
    expect(doc.file.name).toBe("Договор поставки.docx");

    const file = await initiator.get(`/api/documents/${doc.id}/file`);
    expect(file.status).toBe(200);
    const text = docxText(file.raw);
    const today = t.clock.now().toISOString().slice(0, 10).split("-").reverse().join(".");
    expect(text).toContain(`Договор № ${doc.number} от ${today}`);
    expect(text).toContain(`«Договор поставки» по заявке «Поставка бумаги»`);
    expect(text).toContain("Контрагент: ООО «Ромашка», ИНН 7707083893, КПП 773601001");
    expect(text).toContain("Адрес: Москва, ул. Вавилова, 19");
    expect(text).toContain("Сумма: 150000 руб., срок 31.12.2026");
    expect(text).toContain(`Инициатор: ${initiator.user.name}; ответственный: ${responsible.user.name}`);
    expect(text).not.toContain("{{");
    // The header is filled too.
    expect(new PizZip(file.raw).file("word/header1.xml")!.asText()).toContain(`Экз. к документу ${doc.number}`);

    // A title of the user's own, and the next number of the type: no gap.
    const second = await initiator.post(`/api/items/${item.id}/generate`, {
      templateId: uploaded.body.id,
      title: "Допсоглашение",
    });
    expect(second.status).toBe(201);
    expect(second.body.title).toBe("Допсоглашение");
    expect(Number(second.body.number.slice(-4))).toBe(Number(doc.number.slice(-4)) + 1);
    expect(docxText((await initiator.get(`/api/documents/${second.body.id}/file`)).raw)).toContain(
      `№ ${second.body.number}`,
    );

    // Someone who sees the item (an open process) but takes no part in it may not add documents to it.
    const outsider = await t.userClient("Посторонний");
    expect((await outsider.post(`/api/items/${item.id}/generate`, { templateId: uploaded.body.id })).status).toBe(403);
    const missing = await initiator.post(`/api/items/${item.id}/generate`, { templateId: "nope" });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: "templateId", message: "No such template" }]);
  });

  it("refuses an unknown placeholder at upload, naming it, and stores nothing", async () => {
    const before = await templateNames();
    const res = await upload({
      name: "С опечаткой",
      file: makeDocx(["{{number}} {{compnay.name}} {{fields.amount}} {{fields.nope}} {{#items}}x{{/items}}"]),
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("template_unknown_placeholder");
    expect(res.body.params).toEqual({ placeholders: "{{compnay.name}}, {{fields.nope}}, {{#items}}" });
    expect(res.body.detail).toContain("{{compnay.name}}");
    expect(await templateNames()).toEqual(before);
  });

  it("refuses a file that is not a DOCX, a broken template and an archive bomb with a clear 4xx, and keeps serving", async () => {
    const notDocx = await upload({ file: "просто текст", filename: "note.txt" });
    expect(notDocx.status).toBe(415);
    expect(notDocx.body.code).toBe("template_not_docx");

    const fake = await upload({ file: "это не zip" });
    expect(fake.status).toBe(422);
    expect(fake.body.code).toBe("template_unreadable");

    const unclosed = await upload({ file: makeDocx(["Договор {{number"]) });
    expect(unclosed.status).toBe(422);
    expect(unclosed.body.code).toBe("template_unreadable");
    expect(unclosed.body.detail).toContain("{{number");

    const bomb = await upload({ file: await makeBombDocx(200) });
    expect(bomb.status).toBe(422);
    expect(bomb.body.code).toBe("template_unreadable");
    expect((await t.admin.get("/api/health")).status).toBe(200);
  });

  it("the generateDocument robot registers a numbered document on stage entry; a template in use is not deleted", async () => {
    const template = (await upload({ name: "Лист согласования", file: splitRunsDocx() })).body;
    const refused = await t.admin.post(`/api/processes/${process.id}/robots`, {
      stage: "review",
      kind: "generateDocument",
      params: { templateId: "no-such-template" },
    });
    expect(refused.status).toBe(422);

    const robot = await addRobot(t.admin, process.id, {
      stage: "review",
      name: "Договор на согласование",
      kind: "generateDocument",
      params: { templateId: template.id },
    });
    const { item, initiator } = await newItem("Аренда склада");
    await moveItem(initiator, item.id, "review");
    await t.runJobs();

    const docs = (await t.admin.get(`/api/documents?typeId=${type.id}`)).body.items.filter((d: any) =>
      d.itemIds.includes(item.id),
    );
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ title: "Лист согласования", companyId: company.id });
    expect(docs[0].number).toMatch(/^Д-\d{4}-\d{4}$/);
    const text = docxText((await t.admin.get(`/api/documents/${docs[0].id}/file`)).raw);
    expect(text).toContain(`Договор № ${docs[0].number}`);
    expect(text).toContain("«Лист согласования» по заявке «Аренда склада»");

    const inUse = await t.admin.delete(`/api/document-templates/${template.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe("template_used_by_robots");
    expect(inUse.body.params.robots).toContain("Договор на согласование");
    expect(await templateNames()).toContain("Лист согласования");

    expect((await t.admin.delete(`/api/robots/${robot.id}`)).status).toBe(204);
    expect((await t.admin.delete(`/api/document-templates/${template.id}`)).status).toBe(204);
    expect(await templateNames()).not.toContain("Лист согласования");
    // The generated document keeps its file; the archived template can no longer be chosen.
    expect((await t.admin.get(`/api/documents/${docs[0].id}/file`)).status).toBe(200);
    expect((await initiator.post(`/api/items/${item.id}/generate`, { templateId: template.id })).status).toBe(422);
    expect((await t.admin.delete(`/api/document-templates/${template.id}`)).status).toBe(404);
  });
});
