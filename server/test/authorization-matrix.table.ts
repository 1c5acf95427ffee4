import type { RouteEntry } from "../src/app.js";
import { makeDocx, postMultipart, type PartValue } from "./documents-helpers.js";
import type { TestClient } from "./harness.js";

/**
 * The authorization matrix: one entry per API route (`METHOD url`, exactly as in `app.routeTable`), with the status
 * each kind of caller gets. authorization-matrix.test.ts runs every entry and fails when a route has no entry here,
 * so a new route cannot be added without deciding who may call it.
 *
 * Callers: anonymous (no cookie), an outsider (a signed-in user with no relation to the object; objects live in a
 * document type and a process with `access: "participants"`), the participants named per route, and an admin.
 * 404 = the caller may not see the object; 403 = they may see it but not do this (or the route is admin-only).
 */

/** Fixture users who take part in the objects: creator/initiator, responsible, item observer, item approver. */
export type ParticipantRole = "author" | "responsible" | "observer" | "approver";
export type Caller = "anonymous" | "outsider" | ParticipantRole | "admin";

export interface MatrixRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: string;
  json?: unknown;
  multipart?: Record<string, PartValue | undefined>;
  /** Send as this client instead of the caller's own (a fresh session for logout). */
  as?: TestClient;
  /** Server-Sent Events: only the status line is awaited. */
  stream?: boolean;
}

/** What the test file provides: the fixture objects, and factories for fresh ones where a request mutates state. */
export interface Fixtures {
  clients: Record<Exclude<Caller, "anonymous">, TestClient>;
  /** A document type and a process with `access: "participants"`, and objects in them. */
  secretType: any;
  secretProcess: any;
  /** Created by author, responsible = responsible, observed by observer, with a pending approval for approver. */
  secretItem: any;
  /** Created by author, responsible = responsible, linked to secretItem. */
  secretDocument: any;
  company: any;
  contact: any;
  robot: any;
  spareType: any;
  spareProcess: any;
  fresh: {
    document(): Promise<any>;
    item(): Promise<any>;
    company(): Promise<any>;
    contact(): Promise<any>;
    robot(): Promise<any>;
    /** An API token owned by author. */
    token(): Promise<{ id: string }>;
    /** A pending approval task of approver on a fresh item. */
    approvalTask(): Promise<string>;
    /** A second sign-in of the caller (so logging out does not end the fixture session). */
    session(caller: Exclude<Caller, "anonymous">): Promise<TestClient>;
    name(prefix: string): string;
  };
  /** Email and password of a caller (for the login route). */
  credentials(caller: Exclude<Caller, "anonymous">): { email: string; password: string };
}

export interface MatrixEntry {
  access: RouteEntry["access"];
  anonymous: number;
  outsider: number;
  /** Status per participant role; routes without an object relation use the author as "a signed-in user". */
  participants: Partial<Record<ParticipantRole, number>>;
  admin: number;
  request(fx: Fixtures, caller: Caller): MatrixRequest | Promise<MatrixRequest>;
  /** Why an entry looks surprising. */
  note?: string;
}

const user = (author: number) => ({ author });
const allParticipants = (status: number) => ({
  author: status,
  responsible: status,
  observer: status,
  approver: status,
});
/** Any signed-in user gets `status`; anonymous callers get 401. */
const anySignedIn = (status: number) =>
  ({ access: "user", anonymous: 401, outsider: status, participants: user(status), admin: status }) as const;
/** Admins get `status`; everyone else who is signed in gets 403. */
const adminOnly = (status: number) =>
  ({ access: "admin", anonymous: 401, outsider: 403, participants: user(403), admin: status }) as const;
/** Every participant of the object and admins get `status`; an outsider may not see it (404). */
const participantsOnly = (status: number) =>
  ({ access: "user", anonymous: 401, outsider: 404, participants: allParticipants(status), admin: status }) as const;
/**
 * A list (or its figures, or a bulk action) filtered to what the caller may see: every signed-in caller, each
 * participant and the outsider alike, gets `status`; the outsider's answer must not carry the hidden objects.
 */
const filteredPerCaller = (status: number) =>
  ({ access: "user", anonymous: 401, outsider: status, participants: allParticipants(status), admin: status }) as const;
/** Every caller, signed in or not, gets `status`. */
const publicRoute = (status: number) =>
  ({ access: "public", anonymous: status, outsider: status, participants: user(status), admin: status }) as const;
/** A day of its own for each absence the matrix creates, so no two overlap. */
let absenceDays = 0;
const freshAbsence = (deputyId: string) => {
  const day = new Date(Date.UTC(2030, 0, 1) + 2 * absenceDays++ * 86_400_000).toISOString().slice(0, 10);
  return { from: day, to: day, deputyId };
};
const freshDepartment = async (fx: Fixtures) =>
  (await fx.clients.admin.post("/api/departments", { name: fx.fresh.name("dept") })).body.id as string;

/** A DOCX template of the secret type, uploaded by the admin (one per call: deleting archives it). */
const templateDocx = () => ({ filename: "matrix.docx", content: makeDocx(["№ {{number}} для {{company.name}}"]) });
const freshTemplate = async (fx: Fixtures): Promise<string> => {
  const res = await postMultipart(fx.clients.admin, "/api/document-templates", {
    name: fx.fresh.name("Шаблон"),
    typeId: fx.secretType.id,
    file: templateDocx(),
  });
  if (res.status !== 201) throw new Error(`cannot upload a template: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
};
let sharedTemplate: Promise<string> | undefined;

const file = (name = "matrix.txt") => ({ filename: name, content: "matrix test file", contentType: "text/plain" });

export const MATRIX: Record<string, MatrixEntry> = {
  // System and sign-in ----------------------------------------------------------------------------------------------
  "GET /api/health": {
    ...publicRoute(200),
    request: () => ({ method: "GET", url: "/api/health" }),
  },
  "GET /api/jobs": {
    ...adminOnly(200),
    note: "failed background jobs name documents and items by id, so only admins list them",
    request: () => ({ method: "GET", url: "/api/jobs?state=failed" }),
  },
  "GET /api/audit": {
    ...adminOnly(200),
    note: "the audit log names every document, item and person, whoever may see them, so only admins read it",
    request: () => ({ method: "GET", url: "/api/audit?entityType=document" }),
  },
  "GET /api/audit/export": {
    ...adminOnly(200),
    note: "the CSV of the audit log: admins only, like the list",
    request: () => ({ method: "GET", url: "/api/audit/export?format=csv&entityType=document" }),
  },
  "GET /api/intake": {
    ...adminOnly(200),
    note: "email intake's mailbox, senders and subjects: only admins see them",
    request: () => ({ method: "GET", url: "/api/intake" }),
  },
  "GET /api/health/ready": {
    ...publicRoute(200),
    request: () => ({ method: "GET", url: "/api/health/ready" }),
  },
  "GET /api/openapi.json": {
    ...publicRoute(200),
    request: () => ({ method: "GET", url: "/api/openapi.json" }),
  },
  "GET /api/setup": {
    ...publicRoute(200),
    request: () => ({ method: "GET", url: "/api/setup" }),
  },
  "POST /api/setup": {
    ...publicRoute(409),
    note: "setup is one-time: refused with 409 for everyone once a user exists",
    request: (fx) => ({
      method: "POST",
      url: "/api/setup",
      json: { email: `${fx.fresh.name("setup")}@example.com`, password: "setup-password-1", name: "Intruder" },
    }),
  },
  "POST /api/auth/login": {
    ...publicRoute(200),
    note: "each caller signs in with their own credentials (anonymous with the author's)",
    request: (fx, caller) => ({
      method: "POST",
      url: "/api/auth/login",
      json: fx.credentials(caller === "anonymous" ? "author" : caller),
    }),
  },
  "POST /api/auth/logout": {
    ...anySignedIn(204),
    request: async (fx, caller) => ({
      method: "POST",
      url: "/api/auth/logout",
      ...(caller !== "anonymous" && { as: await fx.fresh.session(caller) }),
    }),
  },
  "GET /api/auth/providers": {
    ...publicRoute(200),
    note: "the sign-in page asks it before anyone is signed in",
    request: () => ({ method: "GET", url: "/api/auth/providers" }),
  },
  "GET /api/auth/oidc/start": {
    ...publicRoute(404),
    note: "public (it starts a sign-in); 404 here because the matrix app has no DOCKET_OIDC_ISSUER — oidc.test.ts drives it against a real provider",
    request: () => ({ method: "GET", url: "/api/auth/oidc/start" }),
  },
  "GET /api/auth/oidc/callback": {
    ...publicRoute(404),
    note: "public (the provider sends the browser back to it); 404 without DOCKET_OIDC_ISSUER — see oidc.test.ts",
    request: () => ({ method: "GET", url: "/api/auth/oidc/callback?code=c&state=s" }),
  },
  "GET /api/auth/me": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/auth/me" }),
  },

  // API tokens ------------------------------------------------------------------------------------------------------
  "GET /api/tokens": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/tokens" }),
  },
  "POST /api/tokens": {
    ...anySignedIn(201),
    request: () => ({ method: "POST", url: "/api/tokens", json: { name: "matrix" } }),
  },
  "DELETE /api/tokens/:id": {
    access: "user",
    anonymous: 401,
    outsider: 404,
    participants: user(204),
    admin: 204,
    note: "the author owns the token",
    request: async (fx) => ({ method: "DELETE", url: `/api/tokens/${(await fx.fresh.token()).id}` }),
  },

  // Users -----------------------------------------------------------------------------------------------------------
  "GET /api/users": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/users" }),
  },
  "POST /api/users": {
    ...adminOnly(201),
    request: (fx) => ({
      method: "POST",
      url: "/api/users",
      json: { email: `${fx.fresh.name("u")}@example.com`, name: "New user", password: "new-password-1" },
    }),
  },
  "GET /api/users/:id": {
    ...anySignedIn(200),
    note: "the user directory is visible to every signed-in user (to pick responsibles)",
    request: (fx) => ({ method: "GET", url: `/api/users/${fx.clients.author.user.id}` }),
  },
  "PATCH /api/users/:id": {
    access: "user",
    anonymous: 401,
    outsider: 403,
    participants: user(200),
    admin: 200,
    note: "the author edits their own profile; others see the user but may not change them",
    request: (fx) => ({ method: "PATCH", url: `/api/users/${fx.clients.author.user.id}`, json: { name: "Author" } }),
  },

  // People and time ------------------------------------------------------------------------------------------------
  "GET /api/departments": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/departments" }),
  },
  "POST /api/departments": {
    ...adminOnly(201),
    request: (fx) => ({ method: "POST", url: "/api/departments", json: { name: fx.fresh.name("dept") } }),
  },
  "PATCH /api/departments/:id": {
    ...adminOnly(200),
    request: async (fx) => ({
      method: "PATCH",
      url: `/api/departments/${await freshDepartment(fx)}`,
      json: { name: "Renamed" },
    }),
  },
  "DELETE /api/departments/:id": {
    ...adminOnly(204),
    request: async (fx) => ({ method: "DELETE", url: `/api/departments/${await freshDepartment(fx)}` }),
  },
  "GET /api/users/:id/absences": {
    access: "user",
    anonymous: 401,
    outsider: 403,
    participants: user(200),
    admin: 200,
    note: "the author's own absences: theirs and an admin's to see",
    request: (fx) => ({ method: "GET", url: `/api/users/${fx.clients.author.user.id}/absences` }),
  },
  "POST /api/users/:id/absences": {
    access: "user",
    anonymous: 401,
    outsider: 403,
    participants: user(201),
    admin: 201,
    note: "a user sets their own absence; an admin anyone's",
    request: (fx) => ({
      method: "POST",
      url: `/api/users/${fx.clients.author.user.id}/absences`,
      json: freshAbsence(fx.clients.responsible.user.id),
    }),
  },
  "DELETE /api/absences/:id": {
    access: "user",
    anonymous: 401,
    outsider: 404,
    participants: user(204),
    admin: 204,
    note: "an absence of the author",
    request: async (fx) => {
      const created = await fx.clients.admin.post(
        `/api/users/${fx.clients.author.user.id}/absences`,
        freshAbsence(fx.clients.responsible.user.id),
      );
      return { method: "DELETE", url: `/api/absences/${created.body.id}` };
    },
  },
  "GET /api/calendar/:year": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/calendar/2026" }),
  },
  "PUT /api/calendar/:year": {
    ...adminOnly(200),
    request: () => ({
      method: "PUT",
      url: "/api/calendar/2029",
      json: { holidays: ["2029-01-01"], workingWeekends: [], shortDays: [] },
    }),
  },
  "GET /api/my-work": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/my-work" }),
  },

  // CRM: shared by every signed-in user -----------------------------------------------------------------------------
  "GET /api/companies": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/companies" }),
  },
  "POST /api/companies": {
    ...anySignedIn(201),
    request: (fx) => ({ method: "POST", url: "/api/companies", json: { name: fx.fresh.name("ООО Матрица") } }),
  },
  "GET /api/companies/:id": {
    ...anySignedIn(200),
    request: (fx) => ({ method: "GET", url: `/api/companies/${fx.company.id}` }),
  },
  "PATCH /api/companies/:id": {
    ...anySignedIn(200),
    request: (fx) => ({ method: "PATCH", url: `/api/companies/${fx.company.id}`, json: { address: "Москва" } }),
  },
  "DELETE /api/companies/:id": {
    ...adminOnly(204),
    request: async (fx) => ({ method: "DELETE", url: `/api/companies/${(await fx.fresh.company()).id}` }),
  },
  "GET /api/companies/:id/documents": {
    ...filteredPerCaller(200),
    note: "a list: the outsider gets 200 without the hidden documents (checked by the test)",
    request: (fx) => ({ method: "GET", url: `/api/companies/${fx.company.id}/documents` }),
  },
  "GET /api/contacts": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/contacts" }),
  },
  "POST /api/contacts": {
    ...anySignedIn(201),
    request: (fx) => ({ method: "POST", url: "/api/contacts", json: { name: "Контакт", companyId: fx.company.id } }),
  },
  "GET /api/contacts/:id": {
    ...anySignedIn(200),
    request: (fx) => ({ method: "GET", url: `/api/contacts/${fx.contact.id}` }),
  },
  "PATCH /api/contacts/:id": {
    ...anySignedIn(200),
    request: (fx) => ({ method: "PATCH", url: `/api/contacts/${fx.contact.id}`, json: { position: "Директор" } }),
  },
  "DELETE /api/contacts/:id": {
    ...anySignedIn(204),
    request: async (fx) => ({ method: "DELETE", url: `/api/contacts/${(await fx.fresh.contact()).id}` }),
  },

  // Process definitions and robots ----------------------------------------------------------------------------------
  "GET /api/processes": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/processes" }),
  },
  "POST /api/processes": {
    ...adminOnly(201),
    request: (fx) => ({
      method: "POST",
      url: "/api/processes",
      json: {
        code: fx.fresh.name("p"),
        name: "Matrix",
        stages: [{ code: "done", name: "Done", color: "#40c057", semantics: "success" }],
      },
    }),
  },
  "GET /api/processes/:id": {
    ...anySignedIn(200),
    note: "definitions are read by everyone; `access: participants` hides the items, not the stages",
    request: (fx) => ({ method: "GET", url: `/api/processes/${fx.secretProcess.id}` }),
  },
  "GET /api/processes/:id/versions": {
    ...anySignedIn(200),
    note: "like the definition itself: every version's stages and robots are read by everyone",
    request: (fx) => ({ method: "GET", url: `/api/processes/${fx.secretProcess.id}/versions` }),
  },
  "PATCH /api/processes/:id": {
    ...adminOnly(200),
    request: (fx) => ({ method: "PATCH", url: `/api/processes/${fx.spareProcess.id}`, json: { name: "Renamed" } }),
  },
  "GET /api/processes/:id/robots": {
    ...adminOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/processes/${fx.secretProcess.id}/robots` }),
  },
  "POST /api/processes/:id/robots": {
    ...adminOnly(201),
    request: (fx) => ({
      method: "POST",
      url: `/api/processes/${fx.spareProcess.id}/robots`,
      json: { stage: "done", kind: "notify", params: { to: ["initiator"], message: "Готово" } },
    }),
  },
  "GET /api/robots/webhook-secret": {
    ...adminOnly(200),
    note: "whoever holds the signing key can forge webhook deliveries",
    request: () => ({ method: "GET", url: "/api/robots/webhook-secret" }),
  },
  "PATCH /api/robots/:id": {
    ...adminOnly(200),
    request: (fx) => ({ method: "PATCH", url: `/api/robots/${fx.robot.id}`, json: { name: "Renamed" } }),
  },
  "DELETE /api/robots/:id": {
    ...adminOnly(204),
    request: async (fx) => ({ method: "DELETE", url: `/api/robots/${(await fx.fresh.robot()).id}` }),
  },

  // Items (in the participants-only process) ------------------------------------------------------------------------
  "POST /api/processes/:id/items": {
    ...anySignedIn(201),
    note: "anyone may start an item; they become its initiator",
    request: (fx) => ({ method: "POST", url: `/api/processes/${fx.secretProcess.id}/items`, json: { title: "New" } }),
  },
  "GET /api/processes/:id/analytics": {
    ...filteredPerCaller(200),
    note: "figures of the items the caller may see: the outsider's count none of the hidden items",
    request: (fx) => ({ method: "GET", url: `/api/processes/${fx.secretProcess.id}/analytics` }),
  },
  "GET /api/processes/:id/items": {
    ...filteredPerCaller(200),
    note: "a list: the outsider gets 200 without the hidden items (checked by the test)",
    request: (fx) => ({ method: "GET", url: `/api/processes/${fx.secretProcess.id}/items` }),
  },
  "GET /api/items": {
    ...filteredPerCaller(200),
    note: "a list across processes: the outsider gets 200 without the hidden items",
    request: () => ({ method: "GET", url: "/api/items" }),
  },
  "GET /api/items/:id": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/items/${fx.secretItem.id}` }),
  },
  "PATCH /api/items/:id": {
    access: "user",
    anonymous: 401,
    outsider: 404,
    participants: { author: 200, responsible: 200, observer: 403, approver: 403 },
    admin: 200,
    note: "observers and approvers see the item but only the initiator and the responsible change it",
    request: (fx) => ({ method: "PATCH", url: `/api/items/${fx.secretItem.id}`, json: { fields: { n: 1 } } }),
  },
  "POST /api/items/:id/stage": {
    access: "user",
    anonymous: 401,
    outsider: 404,
    participants: { author: 200, responsible: 200, observer: 403, approver: 403 },
    admin: 200,
    request: async (fx) => ({
      method: "POST",
      url: `/api/items/${(await fx.fresh.item()).id}/stage`,
      json: { stage: "signing" },
    }),
  },
  "POST /api/items/:id/process-version": {
    access: "admin",
    anonymous: 401,
    outsider: 403,
    participants: { author: 403, responsible: 403, observer: 403, approver: 403 },
    admin: 200,
    note: "admin-only: moving an item to another process version changes which robots it runs",
    request: (fx) => ({ method: "POST", url: `/api/items/${fx.secretItem.id}/process-version`, json: { version: 1 } }),
  },
  "GET /api/items/:id/approvals": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/items/${fx.secretItem.id}/approvals` }),
  },
  "GET /api/items/:id/approval-sheet": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/items/${fx.secretItem.id}/approval-sheet` }),
  },
  "GET /api/items/:id/history": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/items/${fx.secretItem.id}/history` }),
  },
  "GET /api/items/:id/comments": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/items/${fx.secretItem.id}/comments` }),
  },
  "POST /api/items/:id/comments": {
    ...participantsOnly(201),
    note: "whoever sees an item may comment on it",
    request: (fx) => ({ method: "POST", url: `/api/items/${fx.secretItem.id}/comments`, json: { text: "matrix" } }),
  },
  "POST /api/items/:id/documents": {
    ...participantsOnly(201),
    request: (fx) => ({
      method: "POST",
      url: `/api/items/${fx.secretItem.id}/documents`,
      multipart: { typeId: fx.secretType.id, file: file() },
    }),
  },
  "POST /api/items/:id/generate": {
    ...participantsOnly(201),
    note: "like attaching a file: whoever takes part in the item (or an admin) may add a document made from a template",
    request: async (fx) => ({
      method: "POST",
      url: `/api/items/${fx.secretItem.id}/generate`,
      json: { templateId: await (sharedTemplate ??= freshTemplate(fx)) },
    }),
  },

  // Approvals and notifications -------------------------------------------------------------------------------------
  "GET /api/approvals": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/approvals?state=pending" }),
  },
  "POST /api/approvals/:id/decision": {
    access: "user",
    anonymous: 401,
    outsider: 404,
    participants: { approver: 200, author: 404, responsible: 404 },
    admin: 404,
    note: "a task belongs to its approver: nobody else (an admin included) can answer for them",
    request: async (fx) => ({
      method: "POST",
      url: `/api/approvals/${await fx.fresh.approvalTask()}/decision`,
      json: { decision: "approve" },
    }),
  },
  "GET /api/notifications": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/notifications" }),
  },
  "GET /api/notifications/unread-count": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/notifications/unread-count" }),
  },
  "POST /api/notifications/read": {
    ...anySignedIn(200),
    request: () => ({ method: "POST", url: "/api/notifications/read", json: { all: true } }),
  },
  "GET /api/notifications/stream": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/notifications/stream", stream: true }),
  },

  // Document templates ----------------------------------------------------------------------------------------------
  "GET /api/document-templates": {
    ...anySignedIn(200),
    note: "whoever adds documents to items picks a template from it (names and placeholders only); changes are admins'",
    request: () => ({ method: "GET", url: "/api/document-templates" }),
  },
  "POST /api/document-templates": {
    ...adminOnly(201),
    request: (fx) => ({
      method: "POST",
      url: "/api/document-templates",
      multipart: { name: fx.fresh.name("Шаблон"), typeId: fx.secretType.id, file: templateDocx() },
    }),
  },
  "DELETE /api/document-templates/:id": {
    ...adminOnly(204),
    request: async (fx, caller) => ({
      method: "DELETE",
      url: `/api/document-templates/${caller === "admin" ? await freshTemplate(fx) : "any-template"}`,
    }),
  },

  // Document types --------------------------------------------------------------------------------------------------
  "GET /api/document-types": {
    ...anySignedIn(200),
    request: () => ({ method: "GET", url: "/api/document-types" }),
  },
  "POST /api/document-types": {
    ...adminOnly(201),
    request: (fx) => ({
      method: "POST",
      url: "/api/document-types",
      json: {
        code: fx.fresh.name("t"),
        name: "Matrix",
        folder: "Matrix",
        numbering: { template: "M-{n}", reset: "never" },
        statuses: [{ code: "new", name: "New", color: "#868e96", initial: true }],
      },
    }),
  },
  "GET /api/document-types/:id": {
    ...anySignedIn(200),
    note: "everyone reads types (to upload); `access: participants` hides the documents, not the type",
    request: (fx) => ({ method: "GET", url: `/api/document-types/${fx.secretType.id}` }),
  },
  "GET /api/document-types/:id/journal": {
    access: "user",
    anonymous: 401,
    outsider: 403,
    participants: allParticipants(403),
    admin: 200,
    note:
      "the journal names every document of the type: admins, and everyone for a type open to all (a participant " +
      "of one document of a `participants` type may not read the others'); documents-export.test.ts checks the open type",
    request: (fx) => ({
      method: "GET",
      url: `/api/document-types/${fx.secretType.id}/journal?from=2026-01-01&to=2026-12-31&format=xlsx`,
    }),
  },
  "PATCH /api/document-types/:id": {
    ...adminOnly(200),
    request: (fx) => ({ method: "PATCH", url: `/api/document-types/${fx.spareType.id}`, json: { name: "Renamed" } }),
  },

  // Shared drive ----------------------------------------------------------------------------------------------------
  "GET /api/drive": {
    ...participantsOnly(200),
    note: "a folder holding only documents the caller may not open is hidden like one that does not exist (its name may be a company's)",
    request: (fx) => ({ method: "GET", url: `/api/drive?path=${encodeURIComponent(fx.secretDocument.folder.path)}` }),
  },
  "POST /api/drive/folders": {
    ...anySignedIn(201),
    request: (fx) => ({ method: "POST", url: "/api/drive/folders", json: { path: `/Matrix/${fx.fresh.name("f")}` } }),
  },

  // Documents (of the participants-only type) -----------------------------------------------------------------------
  "POST /api/documents": {
    ...anySignedIn(201),
    note: "anyone may register a document; they become its creator (the outsider files into the spare type, so the secret folder stays one they cannot see)",
    request: (fx, caller) => ({
      method: "POST",
      url: "/api/documents",
      multipart: { typeId: caller === "outsider" ? fx.spareType.id : fx.secretType.id, file: file() },
    }),
  },
  "GET /api/documents": {
    ...filteredPerCaller(200),
    note: "a list: the outsider gets 200 without the hidden documents (checked by the test)",
    request: () => ({ method: "GET", url: "/api/documents" }),
  },
  "GET /api/documents/export": {
    ...filteredPerCaller(200),
    note: "the list as a file: the outsider gets 200 without the hidden documents (documents-export.test.ts)",
    request: () => ({ method: "GET", url: "/api/documents/export?format=csv" }),
  },
  "GET /api/documents/:id": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/documents/${fx.secretDocument.id}` }),
  },
  "PATCH /api/documents/:id": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "PATCH", url: `/api/documents/${fx.secretDocument.id}`, json: { title: "Премии" } }),
  },
  "POST /api/documents/bulk": {
    ...filteredPerCaller(200),
    note: "each document is decided on its own inside a 200: the outsider's result for a hidden one is not_found (documents-bulk.test.ts)",
    request: async (fx) => ({
      method: "POST",
      url: "/api/documents/bulk",
      json: { ids: [(await fx.fresh.document()).id], set: { status: "approval" } },
    }),
  },
  "DELETE /api/documents/:id": {
    ...participantsOnly(200),
    note: "archives: each caller archives a fresh document (a second archive would be 409)",
    request: async (fx) => ({ method: "DELETE", url: `/api/documents/${(await fx.fresh.document()).id}` }),
  },
  "POST /api/documents/:id/restore": {
    access: "admin",
    anonymous: 401,
    outsider: 403,
    participants: allParticipants(403),
    admin: 200,
    request: async (fx) => {
      const document = await fx.fresh.document();
      const archived = await fx.clients.admin.delete(`/api/documents/${document.id}`);
      if (archived.status !== 200) throw new Error(`cannot archive: ${archived.status}`);
      return { method: "POST", url: `/api/documents/${document.id}/restore`, json: {} };
    },
  },
  "POST /api/documents/:id/cancel": {
    ...participantsOnly(200),
    note: "each caller cancels a fresh document (a second cancel would be 409)",
    request: async (fx) => ({
      method: "POST",
      url: `/api/documents/${(await fx.fresh.document()).id}/cancel`,
      json: { reason: "matrix" },
    }),
  },
  "POST /api/document-types/:id/reservations": {
    ...anySignedIn(201),
    note: "anyone who may register a document may reserve its number (the outsider reserves in the spare type)",
    request: (fx, caller) => ({
      method: "POST",
      url: `/api/document-types/${caller === "outsider" ? fx.spareType.id : fx.secretType.id}/reservations`,
      json: { count: 1 },
    }),
  },
  "POST /api/documents/:id/status": {
    ...participantsOnly(200),
    request: async (fx) => ({
      method: "POST",
      url: `/api/documents/${(await fx.fresh.document()).id}/status`,
      json: { status: "approval" },
    }),
  },
  "POST /api/documents/:id/versions": {
    ...participantsOnly(201),
    request: (fx) => ({
      method: "POST",
      url: `/api/documents/${fx.secretDocument.id}/versions`,
      multipart: { file: file("v.txt") },
    }),
  },
  "GET /api/documents/:id/history": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/documents/${fx.secretDocument.id}/history` }),
  },
  "GET /api/documents/:id/comments": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/documents/${fx.secretDocument.id}/comments` }),
  },
  "POST /api/documents/:id/comments": {
    ...participantsOnly(201),
    note: "whoever sees a document may comment on it",
    request: (fx) => ({
      method: "POST",
      url: `/api/documents/${fx.secretDocument.id}/comments`,
      json: { text: "matrix" },
    }),
  },
  "GET /api/documents/:id/file": {
    ...participantsOnly(200),
    request: (fx) => ({ method: "GET", url: `/api/documents/${fx.secretDocument.id}/file` }),
  },
  // The secret document is a text file: no preview exists (415) for those who may see it, 404 for anyone else.
  "GET /api/documents/:id/preview": {
    ...participantsOnly(415),
    request: (fx) => ({ method: "GET", url: `/api/documents/${fx.secretDocument.id}/preview` }),
  },
  "GET /api/documents/:id/thumbnail": {
    ...participantsOnly(415),
    request: (fx) => ({ method: "GET", url: `/api/documents/${fx.secretDocument.id}/thumbnail` }),
  },
};
