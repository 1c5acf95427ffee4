import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentType, uploadDocument } from "./documents-helpers.js";
import { createTestApp, type TestApp, type TestClient } from "./harness.js";

// Search lists the newest matches first and stops early (text-search.ts `newest`), and counts in the index where
// it can: every answer here is checked against what the documents say, across the ways q can match.
let t: TestApp;
let user: TestClient;
const docs: { id: string; number: string; text: string; title: string; hidden?: boolean }[] = [];
let company: string;

const TEXTS = [
  ["Поставка", "Акт сверки по поставке оборудования"],
  ["Аренда", "Акт сверки аренды помещения"],
  ["Услуги", "Сверка расчётов за услуги связи"],
  ["Займ", "Акт сверки по займу, редкослово внутри"],
  ["Поставка станков", "Акт сверки: поставки оборудования и станков"],
  ["Письмо", "Письмо без того самого слова"],
] as const;

beforeAll(async () => {
  t = await createTestApp();
  user = await t.userClient("Ирина");
  const open = await createDocumentType(t.admin);
  const secret = await createDocumentType(t.admin, { access: "participants", folder: "Кадры/{yyyy}" });
  company = (await t.admin.post("/api/companies", { name: "ООО «Ромашка»" })).body.id;
  for (const [i, [title, text]] of TEXTS.entries()) {
    const body = (
      await uploadDocument(t.admin, {
        typeId: i === 1 ? secret.id : open.id,
        title,
        file: Buffer.from(text, "utf8"),
        name: "text.txt",
        companyId: i === 2 ? company : undefined,
      })
    ).body;
    docs.push({ id: body.id, number: body.number, text, title, hidden: i === 1 });
  }
  await t.runJobs();
});
afterAll(async () => t.close());

const newestFirst = (list: typeof docs) => list.map((d) => d.id).sort((a, b) => (a < b ? 1 : -1));

async function search(client: TestClient, q: string, extra = "") {
  const res = await client.get(`/api/documents?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status).toBe(200);
  return res.body as { items: { id: string }[]; total: number; totalCapped: boolean; nextCursor: string | null };
}

describe("full-text search, newest first", () => {
  it("lists a word found in most documents newest first, with its exact total", async () => {
    const expected = newestFirst(docs.filter((d) => /сверк/i.test(d.text)));
    const page = await search(t.admin, "сверки");
    expect(page.items.map((d) => d.id)).toEqual(expected);
    expect(page).toMatchObject({ total: 5, totalCapped: false, nextCursor: null });
  });

  it("pages through the matches by cursor without skipping or repeating one", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search(t.admin, "сверка", `&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.total).toBe(5);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst(docs.filter((d) => /сверк/i.test(d.text))));
  });

  it("finds a rare word, a number, a phrase and a company's documents", async () => {
    expect((await search(t.admin, "редкослово")).items.map((d) => d.id)).toEqual([docs[3]!.id]);
    expect((await search(t.admin, docs[4]!.number)).items.map((d) => d.id)).toEqual([docs[4]!.id]);
    const phrase = await search(t.admin, "поставки оборудования");
    expect(phrase.items.map((d) => d.id)).toEqual([docs[4]!.id, docs[0]!.id]);
    expect(phrase.total).toBe(2);
    // The company's document matches by the company's name, though its text does not say it.
    const byCompany = await search(t.admin, "Ромашка");
    expect(byCompany.items.map((d) => d.id)).toEqual([docs[2]!.id]);
    expect(byCompany.total).toBe(1);
  });

  it("keeps the participants rule: a hidden document is neither listed nor counted", async () => {
    const page = await search(user, "сверки");
    expect(page.items.map((d) => d.id)).toEqual(newestFirst(docs.filter((d) => /сверк/i.test(d.text) && !d.hidden)));
    expect(page.total).toBe(4);
  });

  it("leaves archived documents out of the list and of the total", async () => {
    expect((await t.admin.delete(`/api/documents/${docs[4]!.id}`)).status).toBe(200);
    const page = await search(t.admin, "сверки");
    expect(page.items.map((d) => d.id)).toEqual(
      newestFirst(docs.filter((d) => /сверк/i.test(d.text) && d !== docs[4])),
    );
    expect(page.total).toBe(4);
    const archived = await search(t.admin, "сверки", "&state=archived");
    expect(archived.items.map((d) => d.id)).toEqual([docs[4]!.id]);
    expect(archived.total).toBe(1);
  });
});
