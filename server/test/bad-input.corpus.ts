import { expect } from "vitest";
import type { PartValue } from "./documents-helpers.js";
import type { TestResponse } from "./harness.js";

/**
 * The bad-input corpus: requests a careless or hostile client sends. bad-input.test.ts runs each one and checks
 * that it gets a 4xx problem+json and leaves the database as it was, or, where the input is legitimately acceptable
 * text (markup, SQL metacharacters, odd file names), that it is stored as plain text: verbatim, or sanitised.
 */

export interface BadCase {
  name: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  /** A JSON body (serialised here). */
  json?: unknown;
  /** A body sent byte for byte, with `contentType` (default application/json). */
  raw?: string | Buffer;
  contentType?: string;
  multipart?: Record<string, PartValue | undefined>;
  /** Sent over a real socket (light-my-request never ends a multipart body cut off mid-part). */
  socket?: boolean;
  /** Sent by the plain user instead of the administrator. */
  asMember?: boolean;
  /** The 4xx expected; any 4xx when omitted. */
  status?: number;
  /** Legitimate input: a 2xx, then this check (stored verbatim or sanitised). */
  accept?: (res: TestResponse, api: CorpusApi) => Promise<void> | void;
}

export interface CorpusFixtures {
  adminId: string;
  memberId: string;
  /** A document type (access all) with fields note (text), amount (money), kind (select a|b), signed (date). */
  type: any;
  process: any;
  robot: any;
  item: any;
  document: any;
  company: any;
  contact: any;
  /** A pending approval task of the administrator (decided by the last approval case). */
  approvalTaskId: string;
}

export interface CorpusApi {
  get(url: string): Promise<TestResponse>;
}

const SCRIPT = `<script>alert("x")</script><img src=x onerror="alert(1)">`;
const SQL_TEXTS = [`Robert'); DROP TABLE users;--`, `" OR ""="`, `1' OR '1'='1`, `%_\\ ; --`];
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
const INVALID_UTF8 = [0xff, 0xfe, 0xc3, 0x28];
const nested = (depth: number, open = "[", close = "]", inner = "1") =>
  open.repeat(depth) + inner + close.repeat(depth);
const nestedObject = (depth: number) => nested(depth, '{"a":', "}", "1");
const b64 = (text: string) => Buffer.from(text).toString("base64url");

/** Reads back `url` and expects `pick(body)` to equal `value` exactly. */
const storedAs =
  (url: (res: TestResponse, fx: CorpusFixtures) => string, pick: (body: any) => unknown, value: unknown) =>
  (fx: CorpusFixtures) =>
  async (res: TestResponse, api: CorpusApi) => {
    expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
    const back = await api.get(url(res, fx));
    expect(back.status).toBe(200);
    expect(String(back.headers["content-type"])).toMatch(/^application\/json/);
    expect(pick(back.body)).toEqual(value);
  };

export function buildCorpus(fx: CorpusFixtures): BadCase[] {
  const cases: BadCase[] = [];
  const add = (c: BadCase) => cases.push(c);

  // 1. Every JSON route: bodies of the wrong shape, broken JSON, prototype keys --------------------------------------
  const jsonRoutes: [BadCase["method"], string, Record<string, unknown>][] = [
    ["POST", "/api/setup", { email: "a@example.com", password: "password-1", name: "A" }],
    ["POST", "/api/auth/login", { email: "nobody@example.com", password: "x" }],
    ["POST", "/api/tokens", { name: "t" }],
    ["POST", "/api/users", { email: "new@example.com", name: "N", password: "password-1" }],
    ["PATCH", `/api/users/${fx.memberId}`, { name: "N" }],
    ["POST", "/api/companies", { name: "C" }],
    ["PATCH", `/api/companies/${fx.company.id}`, { name: "C" }],
    ["POST", "/api/contacts", { name: "C" }],
    ["PATCH", `/api/contacts/${fx.contact.id}`, { name: "C" }],
    ["POST", "/api/processes", { code: "c", name: "N", stages: [] }],
    ["PATCH", `/api/processes/${fx.process.id}`, { name: "N" }],
    ["POST", `/api/processes/${fx.process.id}/robots`, { stage: "draft", kind: "moveToStage" }],
    ["PATCH", `/api/robots/${fx.robot.id}`, { name: "N" }],
    ["POST", `/api/processes/${fx.process.id}/items`, { title: "T" }],
    ["PATCH", `/api/items/${fx.item.id}`, { title: "T" }],
    ["POST", `/api/items/${fx.item.id}/stage`, { stage: "review" }],
    ["POST", `/api/approvals/${fx.approvalTaskId}/decision`, { decision: "approve" }],
    ["POST", "/api/notifications/read", { all: true }],
    ["POST", "/api/document-types", { code: "c", name: "N" }],
    ["PATCH", `/api/document-types/${fx.type.id}`, { name: "N" }],
    ["POST", "/api/drive/folders", { path: "/A" }],
    ["PATCH", `/api/documents/${fx.document.id}`, { title: "T" }],
    ["POST", `/api/documents/${fx.document.id}/status`, { status: "signed" }],
  ];
  for (const [method, url, sample] of jsonRoutes) {
    const route = `${method} ${url.replace(/[0-9a-f-]{36}/g, ":id")}`;
    for (const [label, body] of [
      ["an array", "[]"],
      ["a string", '"text"'],
      ["a number", "42"],
      ["null", "null"],
      ["truncated JSON", '{"name":'],
      ["an empty body", ""],
      ["single quotes", "{'name':'x'}"],
    ] as const)
      add({ name: `${route}: body is ${label}`, method, url, raw: body, status: 400 });
    add({
      name: `${route}: __proto__ key`,
      method,
      url,
      raw: JSON.stringify(sample).replace(/^\{/, '{"__proto__":{"role":"admin","isAdmin":true},'),
      status: 400,
    });
    add({
      name: `${route}: constructor.prototype key`,
      method,
      url,
      raw: JSON.stringify(sample).replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},'),
      status: 400,
    });
    add({
      name: `${route}: deeply nested JSON`,
      method,
      url,
      raw: JSON.stringify(sample).replace(/^\{/, `{"deep":${nestedObject(5000)},`),
      status: 400,
    });
    add({
      name: `${route}: invalid UTF-8 in a string`,
      method,
      url,
      raw: bytes('{"name":"', INVALID_UTF8, '","title":"', INVALID_UTF8, '"}'),
      status: 400,
    });
    add({
      name: `${route}: wrong content type`,
      method,
      url,
      raw: "name=x",
      contentType: "application/x-www-form-urlencoded",
      status: 415,
    });
  }

  // 2. Wrong types and sizes of single fields ----------------------------------------------------------------------
  const long = (n: number) => "я".repeat(n);
  const fieldCases: [string, BadCase["method"], string, unknown, number?][] = [
    ["company name a number", "POST", "/api/companies", { name: 123 }],
    ["company name an object", "POST", "/api/companies", { name: { $gt: "" } }],
    ["company name an array", "POST", "/api/companies", { name: ["a"] }],
    ["company name blank", "POST", "/api/companies", { name: "   " }],
    ["company name 301 chars", "POST", "/api/companies", { name: long(301) }],
    ["company address 501 chars", "POST", "/api/companies", { name: "A", address: long(501) }],
    ["company INN a number", "POST", "/api/companies", { name: "A", inn: 7707083893 }],
    ["company INN bad checksum", "POST", "/api/companies", { name: "A", inn: "7707083894" }],
    ["company INN with SQL", "POST", "/api/companies", { name: "A", inn: "1' OR '1'='1" }],
    ["company email invalid", "POST", "/api/companies", { name: "A", email: "not-an-email" }],
    ["company unknown key", "POST", "/api/companies", { name: "A", isAdmin: true }],
    ["company patch name null", "PATCH", `/api/companies/${fx.company.id}`, { name: null }],
    ["contact name 10000 chars", "POST", "/api/contacts", { name: long(10_000) }],
    ["contact companyId unknown", "POST", "/api/contacts", { name: "A", companyId: "no-such-company" }, 422],
    ["contact companyId a number", "POST", "/api/contacts", { name: "A", companyId: 5 }],
    ["contact phone letters", "POST", "/api/contacts", { name: "A", phone: "call me" }],
    [
      "user role root",
      "POST",
      "/api/users",
      { email: "r@example.com", name: "R", password: "password-1", role: "root" },
    ],
    ["user password short", "POST", "/api/users", { email: "r@example.com", name: "R", password: "short" }],
    ["user email invalid", "POST", "/api/users", { email: "r@", name: "R", password: "password-1" }],
    ["user active a string", "PATCH", `/api/users/${fx.memberId}`, { active: "yes" }],
    ["user locale unknown", "PATCH", `/api/users/${fx.memberId}`, { locale: "xx" }],
    ["user unknown key", "PATCH", `/api/users/${fx.memberId}`, { passwordHash: "x" }],
    ["token name empty", "POST", "/api/tokens", { name: "" }],
    ["token name 101 chars", "POST", "/api/tokens", { name: long(101) }],
    ["login password 257 chars", "POST", "/api/auth/login", { email: "a@example.com", password: "x".repeat(257) }],
    ["login email an object", "POST", "/api/auth/login", { email: { $ne: null }, password: "x" }],
    ["item title 301 chars", "POST", `/api/processes/${fx.process.id}/items`, { title: long(301) }],
    ["item title a number", "POST", `/api/processes/${fx.process.id}/items`, { title: 5 }],
    ["item observers a string", "POST", `/api/processes/${fx.process.id}/items`, { title: "T", observerIds: "x" }],
    [
      "item 101 observers",
      "POST",
      `/api/processes/${fx.process.id}/items`,
      { title: "T", observerIds: Array.from({ length: 101 }, (_, i) => `u${i}`) },
    ],
    [
      "item responsible unknown",
      "POST",
      `/api/processes/${fx.process.id}/items`,
      { title: "T", responsibleId: "nobody" },
      422,
    ],
    ["item fields an array", "PATCH", `/api/items/${fx.item.id}`, { fields: [1, 2] }],
    ["item unknown key", "PATCH", `/api/items/${fx.item.id}`, { initiatorId: fx.memberId }],
    ["document title blank", "PATCH", `/api/documents/${fx.document.id}`, { title: " " }],
    ["document title 301 chars", "PATCH", `/api/documents/${fx.document.id}`, { title: long(301) }],
    ["document field unknown", "PATCH", `/api/documents/${fx.document.id}`, { fields: { nope: 1 } }, 422],
    ["document money field text", "PATCH", `/api/documents/${fx.document.id}`, { fields: { amount: "lots" } }, 422],
    ["document date field bad", "PATCH", `/api/documents/${fx.document.id}`, { fields: { signed: "2026-13-45" } }, 422],
    ["document select outside options", "PATCH", `/api/documents/${fx.document.id}`, { fields: { kind: "z" } }, 422],
    [
      "document text field 10001 chars",
      "PATCH",
      `/api/documents/${fx.document.id}`,
      { fields: { note: "x".repeat(10_001) } },
      422,
    ],
    ["document text field an object", "PATCH", `/api/documents/${fx.document.id}`, { fields: { note: { a: 1 } } }, 422],
    ["document responsible unknown", "PATCH", `/api/documents/${fx.document.id}`, { responsibleId: "nobody" }, 422],
    ["document company unknown", "PATCH", `/api/documents/${fx.document.id}`, { companyId: "nothing" }, 422],
    ["document createdBy key", "PATCH", `/api/documents/${fx.document.id}`, { createdBy: fx.memberId }],
    [
      "status comment 2001 chars",
      "POST",
      `/api/documents/${fx.document.id}/status`,
      { status: "signed", comment: long(2001) },
    ],
    ["notifications read ids not an array", "POST", "/api/notifications/read", { ids: "all" }],
    ["notifications read nothing", "POST", "/api/notifications/read", {}],
    [
      "notifications read 501 ids",
      "POST",
      "/api/notifications/read",
      { ids: Array.from({ length: 501 }, (_, i) => `n${i}`) },
    ],
    ["drive folder path 1001 chars", "POST", "/api/drive/folders", { path: `/${"a".repeat(1000)}` }],
    ["drive folder with ..", "POST", "/api/drive/folders", { path: "/Договоры/../../etc" }],
    ["drive folder with .", "POST", "/api/drive/folders", { path: "/./x" }],
    ["drive folder with a NUL", "POST", "/api/drive/folders", { path: "/a\u0000b" }],
    ["drive folder with a backslash", "POST", "/api/drive/folders", { path: "/a\\..\\b" }],
    ["drive folder blank", "POST", "/api/drive/folders", { path: "  " }],
    ["decision unknown", "POST", `/api/approvals/${fx.approvalTaskId}/decision`, { decision: "maybe" }],
    ["reject without a comment", "POST", `/api/approvals/${fx.approvalTaskId}/decision`, { decision: "reject" }],
    [
      "decision comment 2001 chars",
      "POST",
      `/api/approvals/${fx.approvalTaskId}/decision`,
      { decision: "reject", comment: long(2001) },
    ],
  ];
  for (const [name, method, url, json, status] of fieldCases) add({ name, method, url, json, status: status ?? 400 });

  // 3. Templates of document types -----------------------------------------------------------------------------------
  const typeBody = (overrides: Record<string, unknown>) => ({
    code: "bad",
    name: "Bad",
    folder: "Договоры/{yyyy}",
    numbering: { template: "Д-{yyyy}-{n:4}", reset: "year" },
    statuses: [{ code: "draft", name: "Draft", color: "#868e96", initial: true }],
    ...overrides,
  });
  const numbering = (template: string, reset = "never") => ({ numbering: { template, reset } });
  const typeCases: [string, Record<string, unknown>][] = [
    ["numbering without {n}", numbering("Д-{yyyy}")],
    ["numbering with two {n}", numbering("{n}-{n}")],
    ["numbering with an unknown token", numbering("Д-{foo}-{n}")],
    ["numbering with {n:0}", numbering("Д-{n:0}")],
    ["numbering with {n:99}", numbering("Д-{n:99}")],
    ["numbering with {n:-1}", numbering("Д-{n:-1}")],
    ["numbering with an unbalanced brace", numbering("Д-{n")],
    ["numbering with a stray closing brace", numbering("Д-}{n}")],
    ["numbering reset yearly without a year", numbering("Д-{n}", "year")],
    ["numbering reset monthly without a month", numbering("Д-{yyyy}-{n}", "month")],
    ["numbering reset unknown", numbering("Д-{n}", "weekly")],
    ["numbering template empty", numbering("")],
    ["numbering template 101 chars", numbering(`${"x".repeat(100)}{n}`)],
    ["numbering a string", { numbering: "Д-{n}" }],
    ["folder with ..", { folder: "Договоры/../../../etc" }],
    ["folder that is only ..", { folder: ".." }],
    ["folder with .", { folder: "./Договоры" }],
    ["folder with an empty segment", { folder: "Договоры//{yyyy}" }],
    ["folder with a backslash", { folder: "Договоры\\..\\x" }],
    ["folder with a NUL", { folder: "Дого\u0000воры" }],
    ["folder with an unknown token", { folder: "Договоры/{secret}" }],
    ["folder with an unbalanced brace", { folder: "Договоры/{yyyy" }],
    ["folder 301 chars", { folder: "x".repeat(301) }],
    ["no initial status", { statuses: [{ code: "draft", name: "Draft", color: "#868e96" }] }],
    [
      "two initial statuses",
      {
        statuses: [
          { code: "a", name: "A", color: "#868e96", initial: true },
          { code: "b", name: "B", color: "#868e96", initial: true },
        ],
      },
    ],
    [
      "duplicate status codes",
      {
        statuses: [
          { code: "a", name: "A", color: "#868e96", initial: true },
          { code: "a", name: "B", color: "#868e96" },
        ],
      },
    ],
    ["no statuses", { statuses: [] }],
    ["status colour red", { statuses: [{ code: "a", name: "A", color: "red", initial: true }] }],
    ["status code with a space", { statuses: [{ code: "a b", name: "A", color: "#868e96", initial: true }] }],
    ["status code with a quote", { statuses: [{ code: "a'--", name: "A", color: "#868e96", initial: true }] }],
    ["status code 51 chars", { statuses: [{ code: "a".repeat(51), name: "A", color: "#868e96", initial: true }] }],
    ["field key with a dot", { fields: [{ key: "a.b", label: "A", type: "text" }] }],
    [
      "field key __proto__ twice",
      {
        fields: [
          { key: "__proto__", label: "A", type: "text" },
          { key: "__proto__", label: "B", type: "text" },
        ],
      },
    ],
    ["field type unknown", { fields: [{ key: "a", label: "A", type: "script" }] }],
    ["select field without options", { fields: [{ key: "a", label: "A", type: "select" }] }],
    ["access unknown", { access: "everyone" }],
    ["type code empty", { code: "" }],
  ];
  for (const [name, overrides] of typeCases)
    add({
      name: `document type: ${name}`,
      method: "POST",
      url: "/api/document-types",
      json: typeBody(overrides),
      status: 400,
    });
  add({
    name: "document type patch: numbering without {n}",
    method: "PATCH",
    url: `/api/document-types/${fx.type.id}`,
    json: numbering("X-{yyyy}"),
    status: 400,
  });
  add({
    name: "document type patch: folder with ..",
    method: "PATCH",
    url: `/api/document-types/${fx.type.id}`,
    json: { folder: "a/../../b" },
    status: 400,
  });
  add({
    name: "document type: duplicate code",
    method: "POST",
    url: "/api/document-types",
    json: typeBody({ code: fx.type.code }),
    status: 409,
  });

  // 4. Robots: durations, stages, kinds ------------------------------------------------------------------------------
  const robotUrl = `/api/processes/${fx.process.id}/robots`;
  const robot = (overrides: Record<string, unknown>) => ({
    stage: "review",
    kind: "notify",
    params: { to: ["responsible"], message: "Проверьте" },
    ...overrides,
  });
  for (const delay of [
    "",
    "P",
    "PT",
    "24H",
    "PT-5S",
    "P0D",
    "PT0S",
    "1 day",
    "PT24H; drop",
    "P1.5D",
    "P".padEnd(41, "1"),
    "T5S",
  ])
    add({
      name: `robot delay ${JSON.stringify(delay)}`,
      method: "POST",
      url: robotUrl,
      json: robot({ delay }),
      status: 400,
    });
  add({ name: "robot delay a number", method: "POST", url: robotUrl, json: robot({ delay: 86400 }), status: 400 });
  add({
    name: "robot patch delay bad",
    method: "PATCH",
    url: `/api/robots/${fx.robot.id}`,
    json: { delay: "soon" },
    status: 400,
  });
  const robotCases: [string, Record<string, unknown>, number][] = [
    ["robot on an unknown stage", { stage: "nowhere" }, 422],
    ["robot stage code with a slash", { stage: "a/b" }, 400],
    ["robot kind unknown", { kind: "shell", params: { cmd: "rm -rf /" } }, 400],
    ["robot moveToStage unknown stage", { kind: "moveToStage", params: { stage: "nowhere" } }, 422],
    ["robot setDocumentStatus code with spaces", { kind: "setDocumentStatus", params: { status: "a b" } }, 400],
    [
      "robot approval onApprove unknown",
      { kind: "requestApproval", params: { approvers: ["responsible"], onApprove: "x", onReject: "rejected" } },
      422,
    ],
    ["robot webhook to file://", { kind: "webhook", params: { url: "file:///etc/passwd" } }, 400],
    ["robot webhook not a URL", { kind: "webhook", params: { url: "not a url" } }, 400],
    ["robot notify nobody", { params: { to: [], message: "x" } }, 400],
    ["robot notify message 2001 chars", { params: { to: ["responsible"], message: long(2001) } }, 400],
    ["robot condition op unknown", { condition: { field: "amount", op: "regex", value: ".*" } }, 400],
    ["robot condition value an object", { condition: { field: "amount", op: "eq", value: { $gt: 1 } } }, 400],
    ["robot params missing", { params: undefined }, 400],
  ];
  for (const [name, overrides, status] of robotCases)
    add({ name, method: "POST", url: robotUrl, json: robot(overrides), status });
  add({
    name: "robot patch kind unknown",
    method: "PATCH",
    url: `/api/robots/${fx.robot.id}`,
    json: { kind: "shell" },
    status: 400,
  });
  add({
    name: "robot patch stage unknown",
    method: "PATCH",
    url: `/api/robots/${fx.robot.id}`,
    json: { stage: "nowhere" },
    status: 422,
  });

  // 5. Stage and status codes --------------------------------------------------------------------------------------
  const stages = fx.process.stages;
  const processCases: [string, unknown][] = [
    ["no success stage", stages.filter((s: any) => s.semantics !== "success")],
    ["duplicate stage codes", [...stages, stages[0]]],
    ["stage semantics unknown", [{ ...stages[0], semantics: "maybe" }, stages[3]]],
    ["stage colour bad", [{ ...stages[0], color: "#zzzzzz" }, stages[3]]],
    ["stage code empty", [{ ...stages[0], code: "" }, stages[3]]],
    ["stage code with markup", [{ ...stages[0], code: "<b>" }, stages[3]]],
    ["no stages", []],
    ["51 stages", Array.from({ length: 51 }, (_, i) => ({ ...stages[3], code: `s${i}` }))],
  ];
  for (const [name, s] of processCases) {
    add({
      name: `process: ${name}`,
      method: "POST",
      url: "/api/processes",
      json: { code: "bad", name: "Bad", stages: s },
      status: 400,
    });
  }
  add({
    name: "process patch: no success stage",
    method: "PATCH",
    url: `/api/processes/${fx.process.id}`,
    json: { stages: processCases[0]![1] },
    status: 400,
  });
  add({
    name: "process: access unknown",
    method: "POST",
    url: "/api/processes",
    json: { code: "bad", name: "Bad", access: "nobody", stages },
    status: 400,
  });
  add({
    name: "process: duplicate code",
    method: "POST",
    url: "/api/processes",
    json: { code: fx.process.code, name: "Dup", stages },
    status: 409,
  });
  add({
    name: "item move to an unknown stage",
    method: "POST",
    url: `/api/items/${fx.item.id}/stage`,
    json: { stage: "nowhere" },
    status: 422,
  });
  add({
    name: "item move stage with SQL",
    method: "POST",
    url: `/api/items/${fx.item.id}/stage`,
    json: { stage: "x' OR '1'='1" },
    status: 400,
  });
  add({
    name: "item move reopen a string",
    method: "POST",
    url: `/api/items/${fx.item.id}/stage`,
    json: { stage: "review", reopen: "yes" },
    status: 400,
  });
  add({
    name: "document status unknown code",
    method: "POST",
    url: `/api/documents/${fx.document.id}/status`,
    json: { status: "burned" },
    status: 422,
  });
  add({
    name: "document status empty",
    method: "POST",
    url: `/api/documents/${fx.document.id}/status`,
    json: { status: "" },
    status: 400,
  });
  add({
    name: "document status with SQL",
    method: "POST",
    url: `/api/documents/${fx.document.id}/status`,
    json: { status: "signed' --" },
    status: 422,
  });

  // 6. Query strings: limits, cursors, filters ---------------------------------------------------------------------
  const lists = [
    "/api/companies",
    "/api/contacts",
    "/api/users",
    "/api/documents",
    `/api/processes/${fx.process.id}/items`,
    "/api/approvals",
    "/api/notifications",
    "/api/processes",
    "/api/document-types",
    `/api/companies/${fx.company.id}/documents`,
  ];
  for (const list of lists) {
    for (const limit of ["0", "-1", "201", "100000", "abc", "1.5", "1e309"])
      add({ name: `${list}?limit=${limit}`, method: "GET", url: `${list}?limit=${limit}`, status: 400 });
  }
  for (const list of lists.slice(0, 7)) {
    for (const [label, cursor] of [
      ["garbage", "!!!not-base64!!!"],
      ["an object", b64("{}")],
      ["one element", b64('["a"]')],
      ["a number id", b64("[null,5]")],
      ["not JSON", b64("not json")],
      ["a prototype key", b64('{"__proto__":{"x":1}}')],
      ["513 chars", "a".repeat(513)],
    ] as const)
      add({
        name: `${list} cursor ${label}`,
        method: "GET",
        url: `${list}?cursor=${encodeURIComponent(cursor)}`,
        status: 400,
      });
  }
  add({ name: "drive limit 5001", method: "GET", url: "/api/drive?limit=5001", status: 400 });
  add({ name: "drive cursor garbage", method: "GET", url: "/api/drive?path=%2F&cursor=%21%21", status: 400 });
  add({
    name: "drive path with ..",
    method: "GET",
    url: `/api/drive?path=${encodeURIComponent("/../../etc")}`,
    status: 400,
  });
  add({ name: "drive path with NUL", method: "GET", url: "/api/drive?path=%2Fa%00b", status: 400 });
  add({ name: "drive path that does not exist", method: "GET", url: "/api/drive?path=%2Fnowhere", status: 404 });
  add({ name: "documents q 201 chars", method: "GET", url: `/api/documents?q=${"x".repeat(201)}`, status: 400 });
  add({ name: "approvals state unknown", method: "GET", url: "/api/approvals?state=all", status: 400 });
  add({ name: "notifications unread=yes", method: "GET", url: "/api/notifications?unread=yes", status: 400 });
  add({ name: "file version 0", method: "GET", url: `/api/documents/${fx.document.id}/file?version=0`, status: 400 });
  add({ name: "file version 99", method: "GET", url: `/api/documents/${fx.document.id}/file?version=99`, status: 404 });
  add({
    name: "file version text",
    method: "GET",
    url: `/api/documents/${fx.document.id}/file?version=one`,
    status: 400,
  });
  for (const list of ["/api/companies", "/api/contacts", "/api/users", "/api/documents"]) {
    for (const q of SQL_TEXTS)
      add({
        name: `${list}?q= SQL metacharacters ${q}`,
        method: "GET",
        url: `${list}?q=${encodeURIComponent(q)}`,
        accept: (res) => expect(res.body.items).toEqual([]),
      });
  }
  add({
    name: "documents filtered by a status with SQL",
    method: "GET",
    url: `/api/documents?status=${encodeURIComponent("' OR 1=1 --")}`,
    accept: (res) => expect(res.body.items).toEqual([]),
  });
  add({
    name: "documents filtered by a typeId with SQL",
    method: "GET",
    url: `/api/documents?typeId=${encodeURIComponent("x' OR '1'='1")}`,
    accept: (res) => expect(res.body.items).toEqual([]),
  });

  // 7. Ids in the path ----------------------------------------------------------------------------------------------
  const idRoutes = [
    "/api/companies/",
    "/api/contacts/",
    "/api/users/",
    "/api/documents/",
    "/api/items/",
    "/api/processes/",
    "/api/document-types/",
  ];
  for (const base of idRoutes) {
    add({ name: `${base}:id 65 chars`, method: "GET", url: `${base}${"a".repeat(65)}`, status: 400 });
    add({
      name: `${base}:id with SQL`,
      method: "GET",
      url: `${base}${encodeURIComponent("1' OR '1'='1")}`,
      status: 404,
    });
    add({ name: `${base}:id a path escape`, method: "GET", url: `${base}..%2F..%2F..%2Fetc%2Fpasswd`, status: 404 });
    add({ name: `${base}:id invalid UTF-8`, method: "GET", url: `${base}%FF%FE`, status: 400 });
  }
  add({ name: "delete company with a NUL id", method: "DELETE", url: "/api/companies/a%00b", status: 400 });
  add({
    name: "delete contact unknown",
    method: "DELETE",
    url: "/api/contacts/00000000-0000-0000-0000-000000000000",
    status: 404,
  });
  add({ name: "delete robot unknown", method: "DELETE", url: "/api/robots/nope", status: 404 });
  add({ name: "delete token unknown", method: "DELETE", url: "/api/tokens/nope", status: 404 });
  add({
    name: "decision on an unknown task",
    method: "POST",
    url: "/api/approvals/nope/decision",
    json: { decision: "approve" },
    status: 404,
  });

  // 8. Multipart uploads ---------------------------------------------------------------------------------------------
  const file = (filename = "a.txt", content: string | Buffer = "content") => ({
    filename,
    content,
    contentType: "text/plain",
  });
  const uploadRoutes = [
    "/api/documents",
    `/api/documents/${fx.document.id}/versions`,
    `/api/items/${fx.item.id}/documents`,
  ];
  for (const url of uploadRoutes) {
    const route = url.replace(/[0-9a-f-]{36}/g, ":id");
    add({
      name: `${route}: multipart without a boundary`,
      method: "POST",
      url,
      raw: "--x\r\n",
      contentType: "multipart/form-data",
      status: 400,
    });
    add({
      name: `${route}: multipart cut off mid-part`,
      method: "POST",
      url,
      raw: `--b\r\nContent-Disposition: form-data; name="typeId"\r\n\r\n${fx.type.id}\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhal`,
      contentType: "multipart/form-data; boundary=b",
      socket: true,
      status: 400,
    });
    add({
      name: `${route}: multipart with a wrong boundary`,
      method: "POST",
      url,
      raw: "--a\r\nxx\r\n--a--\r\n",
      contentType: "multipart/form-data; boundary=zzz",
      status: 400,
    });
    add({
      name: `${route}: multipart of garbage bytes`,
      method: "POST",
      url,
      raw: Buffer.from([0, 1, 2, 255, 254, 13, 10]),
      contentType: "multipart/form-data; boundary=b",
      status: 400,
    });
    add({
      name: `${route}: JSON instead of multipart`,
      method: "POST",
      url,
      json: { typeId: fx.type.id },
      status: 415,
    });
    add({ name: `${route}: no file part`, method: "POST", url, multipart: { typeId: fx.type.id }, status: 400 });
    add({
      name: `${route}: an empty file`,
      method: "POST",
      url,
      multipart: { typeId: fx.type.id, file: file("a.txt", "") },
      status: 400,
    });
    add({
      name: `${route}: two files`,
      method: "POST",
      url,
      multipart: { typeId: fx.type.id, file: file(), other: file("b.txt") },
    });
    add({
      name: `${route}: the file under another name`,
      method: "POST",
      url,
      multipart: { typeId: fx.type.id, upload: file() },
      status: 400,
    });
  }
  const upload = (parts: Record<string, PartValue | undefined>, status: number, name: string) =>
    add({
      name: `upload: ${name}`,
      method: "POST",
      url: "/api/documents",
      multipart: { typeId: fx.type.id, ...parts, file: parts.file ?? file() },
      status,
    });
  upload({ typeId: undefined }, 400, "no typeId");
  upload({ typeId: "no-such-type" }, 422, "unknown typeId");
  upload({ typeId: "x".repeat(65) }, 400, "typeId 65 chars");
  upload({ title: "я".repeat(301) }, 400, "title 301 chars");
  upload({ fields: "{not json" }, 400, "fields not JSON");
  upload({ fields: "[1,2]" }, 400, "fields an array");
  upload({ fields: '"text"' }, 400, "fields a string");
  upload({ fields: '{"nope":1}' }, 422, "fields with an unknown key");
  upload({ fields: '{"amount":"lots"}' }, 422, "fields of the wrong type");
  upload({ fields: '{"__proto__":{"isAdmin":true}}' }, 400, "fields with a __proto__ key");
  upload({ fields: `{"note":${nested(100_000)}}` }, 400, "fields nested 100000 deep");
  upload({ companyId: "no-such-company" }, 422, "unknown companyId");
  upload({ responsibleId: "nobody" }, 422, "unknown responsibleId");
  upload({ itemId: "no-such-item" }, 422, "unknown itemId");
  upload({ title: "x".repeat(1024 * 1024 + 10) }, 400, "a text part over the field size limit");
  add({
    name: "upload: 31 parts",
    method: "POST",
    url: "/api/documents",
    multipart: {
      typeId: fx.type.id,
      ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, "x"])),
      file: file(),
    },
    status: 413,
  });
  add({
    name: "upload: invalid UTF-8 in the title part",
    method: "POST",
    url: "/api/documents",
    raw: bytes(
      `--b\r\nContent-Disposition: form-data; name="typeId"\r\n\r\n${fx.type.id}\r\n`,
      `--b\r\nContent-Disposition: form-data; name="title"\r\n\r\n`,
      INVALID_UTF8,
      `\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello\r\n--b--\r\n`,
    ),
    contentType: "multipart/form-data; boundary=b",
    // Multipart text is decoded leniently (as browsers do): the bad bytes become U+FFFD, never raw bytes.
    accept: (res) => expect(res.body.title).toBe("\ufffd\ufffd\ufffd("),
  });
  const itemsUrl = `/api/processes/${fx.process.id}/items`;
  add({
    name: "item fields nested 65 deep",
    method: "POST",
    url: itemsUrl,
    raw: `{"title":"x","fields":{"a":${nested(63)}}}`,
    status: 400,
  });
  add({
    name: "item fields nested 5000 deep",
    method: "POST",
    url: itemsUrl,
    raw: `{"title":"x","fields":{"a":${nested(5000)}}}`,
    status: 400,
  });
  add({
    name: "item patch fields nested 100000 deep",
    method: "PATCH",
    url: `/api/items/${fx.item.id}`,
    raw: `{"fields":{"a":${nested(100_000)}}}`,
    status: 400,
  });
  add({
    name: "robot patch params nested 5000 deep",
    method: "PATCH",
    url: `/api/robots/${fx.robot.id}`,
    raw: `{"params":{"a":${nestedObject(5000)}}}`,
    status: 400,
  });
  add({
    name: "item fields nested 10 deep are kept verbatim",
    method: "POST",
    url: itemsUrl,
    json: { title: "Nested", fields: { a: JSON.parse(nested(10)) } },
    accept: storedAs(
      (r) => `/api/items/${r.body.id}`,
      (b) => b.fields.a,
      JSON.parse(nested(10)),
    )(fx),
  });

  // NUL: PostgreSQL cannot store it in text, so it is refused everywhere (the same on SQLite).
  add({
    name: "NUL in a company name",
    method: "POST",
    url: "/api/companies",
    json: { name: "a\u0000b" },
    status: 400,
  });
  add({ name: "NUL in an item title", method: "POST", url: itemsUrl, json: { title: "\u0000" }, status: 400 });
  add({
    name: "NUL in a document patch",
    method: "PATCH",
    url: `/api/documents/${fx.document.id}`,
    json: { fields: { note: "x\u0000" } },
    status: 400,
  });
  add({ name: "NUL in a search query", method: "GET", url: "/api/documents?q=a%00b", status: 400 });
  add({ name: "NUL in a company search", method: "GET", url: "/api/companies?q=%00", status: 400 });
  upload({ title: "a\u0000b" }, 400, "NUL in the title part");
  upload({ typeId: `${fx.type.id}\u0000` }, 400, "NUL in the typeId part");
  add({
    name: "an escaped backslash before u0000 is text",
    method: "POST",
    url: "/api/companies",
    json: { name: "C:\\u0000" },
    accept: storedAs(
      (r) => `/api/companies/${r.body.id}`,
      (b) => b.name,
      "C:\\u0000",
    )(fx),
  });

  // 9. File names: accepted, but never a path; stored names are clean ------------------------------------------------
  const cleanName = (expected?: string) => (res: TestResponse) => {
    const name: string = res.body.file.name;
    expect(name).not.toMatch(/[/\\\p{Cc}]/u);
    expect(name.startsWith(".")).toBe(false);
    expect([...name].length).toBeLessThanOrEqual(255);
    if (expected) expect(name).toBe(expected);
  };
  const names: [string, string, string?][] = [
    ["a relative path escape", "../../../../etc/passwd", "passwd"],
    ["a Windows path escape", "..\\..\\..\\Windows\\win.ini", "win.ini"],
    ["an absolute path", "/etc/shadow", "shadow"],
    ["dots only", ".."],
    ["a hidden file", ".htaccess", "htaccess"],
    ["a NUL", "evil\u0000.txt.exe"],
    ["control characters", "a\u0001\u0007\u001bb.txt", "ab.txt"],
    ["a right-to-left override", "invoice\u202Efdp.exe"],
    ["500 characters", `${"д".repeat(496)}.pdf`],
    ["markup", `${SCRIPT}.txt`],
    ["SQL", "x'); DROP TABLE documents;--.txt"],
    ["an empty name", "", "file"],
  ];
  for (const [label, filename, expected] of names) {
    add({
      name: `upload: a file name with ${label}`,
      method: "POST",
      url: "/api/documents",
      multipart: { typeId: fx.type.id, file: file(filename, `file named ${label}`) },
      accept: cleanName(expected),
    });
  }

  // 10. Markup and SQL metacharacters in every text field: stored and returned as plain text -----------------------
  const verbatim: [string, BadCase["method"], string, unknown, (fx: CorpusFixtures) => BadCase["accept"]][] = [
    [
      "company name",
      "POST",
      "/api/companies",
      { name: SCRIPT, address: SCRIPT },
      storedAs(
        (r) => `/api/companies/${r.body.id}`,
        (b) => [b.name, b.address],
        [SCRIPT, SCRIPT],
      ),
    ],
    [
      "company patch",
      "PATCH",
      `/api/companies/${fx.company.id}`,
      { address: SCRIPT },
      storedAs(
        (_r, f) => `/api/companies/${f.company.id}`,
        (b) => b.address,
        SCRIPT,
      ),
    ],
    [
      "contact name and position",
      "POST",
      "/api/contacts",
      { name: SCRIPT, position: SCRIPT },
      storedAs(
        (r) => `/api/contacts/${r.body.id}`,
        (b) => [b.name, b.position],
        [SCRIPT, SCRIPT],
      ),
    ],
    [
      "contact patch",
      "PATCH",
      `/api/contacts/${fx.contact.id}`,
      { position: SCRIPT },
      storedAs(
        (_r, f) => `/api/contacts/${f.contact.id}`,
        (b) => b.position,
        SCRIPT,
      ),
    ],
    [
      "user name",
      "POST",
      "/api/users",
      { email: "script@example.com", name: SCRIPT, password: "password-1" },
      storedAs(
        (r) => `/api/users/${r.body.id}`,
        (b) => b.name,
        SCRIPT,
      ),
    ],
    [
      "token name",
      "POST",
      "/api/tokens",
      { name: SCRIPT },
      storedAs(
        () => "/api/tokens",
        (b) => b.items.some((x: any) => x.name === SCRIPT),
        true,
      ),
    ],
    [
      "process and stage names",
      "POST",
      "/api/processes",
      { code: "scripted", name: SCRIPT, stages: [{ ...stages[3], name: SCRIPT }] },
      storedAs(
        (r) => `/api/processes/${r.body.id}`,
        (b) => [b.name, b.stages[0].name],
        [SCRIPT, SCRIPT],
      ),
    ],
    [
      "robot name, message and condition",
      "POST",
      robotUrl,
      robot({
        name: SCRIPT,
        params: { to: ["responsible"], message: SCRIPT },
        condition: { field: "item.title", op: "eq", value: SCRIPT },
      }),
      storedAs(
        (r) => `/api/processes/${r.body.processId}/robots`,
        (b) => b.items.filter((x: any) => x.name === SCRIPT).map((x: any) => [x.params.message, x.condition.value]),
        [[SCRIPT, SCRIPT]],
      ),
    ],
    [
      "item title and field",
      "POST",
      `/api/processes/${fx.process.id}/items`,
      { title: SCRIPT, fields: { note: SCRIPT } },
      storedAs(
        (r) => `/api/items/${r.body.id}`,
        (b) => [b.title, b.fields.note],
        [SCRIPT, SCRIPT],
      ),
    ],
    [
      "item patch",
      "PATCH",
      `/api/items/${fx.item.id}`,
      { title: SCRIPT },
      storedAs(
        (_r, f) => `/api/items/${f.item.id}`,
        (b) => b.title,
        SCRIPT,
      ),
    ],
    [
      "document type names",
      "POST",
      "/api/document-types",
      typeBody({
        code: "scripted",
        name: SCRIPT,
        statuses: [{ code: "a", name: SCRIPT, color: "#868e96", initial: true }],
        fields: [{ key: "k", label: SCRIPT, type: "select", options: [SCRIPT] }],
      }),
      storedAs(
        (r) => `/api/document-types/${r.body.id}`,
        (b) => [b.name, b.statuses[0].name, b.fields[0].label, b.fields[0].options[0]],
        [SCRIPT, SCRIPT, SCRIPT, SCRIPT],
      ),
    ],
    [
      "document title and text field",
      "PATCH",
      `/api/documents/${fx.document.id}`,
      { title: SCRIPT, fields: { note: SCRIPT } },
      storedAs(
        (_r, f) => `/api/documents/${f.document.id}`,
        (b) => [b.title, b.fields.note],
        [SCRIPT, SCRIPT],
      ),
    ],
    [
      "document status comment",
      "POST",
      `/api/documents/${fx.document.id}/status`,
      { status: "approval", comment: SCRIPT },
      storedAs(
        (_r, f) => `/api/documents/${f.document.id}/history`,
        (b) => JSON.stringify(b).includes(JSON.stringify(SCRIPT).slice(1, -1)),
        true,
      ),
    ],
    [
      "approval rejection comment",
      "POST",
      `/api/approvals/${fx.approvalTaskId}/decision`,
      { decision: "reject", comment: SCRIPT },
      storedAs(
        () => "/api/approvals?state=rejected",
        (b) => b.items.map((x: any) => x.comment),
        [SCRIPT],
      ),
    ],
  ];
  for (const [name, method, url, json, check] of verbatim)
    add({ name: `markup stored verbatim: ${name}`, method, url, json, accept: check(fx) });
  add({
    name: "markup stored verbatim: uploaded title and field",
    method: "POST",
    url: "/api/documents",
    multipart: { typeId: fx.type.id, title: SCRIPT, fields: JSON.stringify({ note: SCRIPT }), file: file() },
    accept: storedAs(
      (r) => `/api/documents/${r.body.id}`,
      (b) => [b.title, b.fields.note],
      [SCRIPT, SCRIPT],
    )(fx),
  });
  SQL_TEXTS.forEach((text, i) => {
    add({
      name: `SQL stored verbatim: company ${i}`,
      method: "POST",
      url: "/api/companies",
      json: { name: text },
      accept: storedAs(
        (r) => `/api/companies/${r.body.id}`,
        (b) => b.name,
        text,
      )(fx),
    });
    add({
      name: `SQL stored verbatim: item ${i}`,
      method: "POST",
      url: `/api/processes/${fx.process.id}/items`,
      json: { title: text },
      accept: storedAs(
        (r) => `/api/items/${r.body.id}`,
        (b) => b.title,
        text,
      )(fx),
    });
  });
  add({
    name: "markup in a drive folder name",
    method: "POST",
    url: "/api/drive/folders",
    json: { path: `/${SCRIPT.replace(/\//g, "")}` },
    accept: (res) => expect(String(res.headers["content-type"])).toMatch(/^application\/json/),
  });
  return cases;
}
