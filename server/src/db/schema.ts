import type { Generated } from "kysely";
import type { CommentTables } from "../modules/comments/comments.tables.js";
import type { DocumentTables } from "../modules/documents/documents.tables.js";
import type { RenditionTables } from "../modules/documents/renditions/renditions.tables.js";
import type { DriveTables } from "../modules/drive/drive.tables.js";
import type { IntakeTables } from "../modules/intake/intake.tables.js";
import type { PeopleTables } from "../modules/people/people.tables.js";
import type { ProcessTables } from "../modules/processes/processes.tables.js";
import type { TemplateTables } from "../modules/templates/templates.tables.js";
import type { WebdavTables } from "../modules/webdav/webdav.tables.js";

/** Table types, camelCase (the CamelCasePlugin maps them to snake_case columns). */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: "admin" | "user";
  active: number;
  passwordHash: string;
  locale: "ru" | "en";
  emailNotifications: number;
  departmentId: string | null;
  position: string | null;
  emailMode: "each" | "digest" | "off";
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie value: a leaked table does not leak sessions
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CompaniesTable {
  id: string;
  name: string;
  inn: string | null;
  kpp: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  searchText: string;
  createdAt: string;
  updatedAt: string;
}

export interface ContactsTable {
  id: string;
  name: string;
  companyId: string | null;
  email: string | null;
  phone: string | null;
  position: string | null;
  searchText: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actorId: string | null; // null = automation
  entityType: string;
  entityId: string;
  action: string;
  details: string; // JSON
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string; // JSON
  runAt: string;
  key: string | null; // unique: a second enqueue with the same key is a no-op
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedUntil: string | null;
  lockedBy: string | null;
  doneAt: string | null;
  lastError: string | null;
  /** Set when the job was given up on (out of attempts, or a failure that no retry can fix); lastError says why. */
  failedAt: string | null;
  createdAt: string;
}

export interface CoreTables {
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  companies: CompaniesTable;
  contacts: ContactsTable;
  auditLog: AuditLogTable;
  jobs: JobsTable;
}

// Modules add their tables by adding their *.tables.ts interface here.
export type Database = CoreTables &
  DocumentTables &
  RenditionTables &
  DriveTables &
  ProcessTables &
  PeopleTables &
  WebdavTables &
  IntakeTables &
  TemplateTables &
  CommentTables;
