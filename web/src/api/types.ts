/**
 * Shapes of the HTTP contract (shared/API.md) that the web reads. Users and companies come from
 * @docket/common; documents and processes are described here until the server publishes their schemas.
 */
export type { Company, Contact, User, Role, Locale } from "@docket/common";
export type { Absence, Approval, CalendarYear, Department, HistoryEntry, Item } from "@docket/common";
export type { Notification as AppNotification } from "@docket/common";
export type { WebhookSecret } from "@docket/common";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Session {
  user: import("@docket/common").User;
  csrfToken: string;
}

export interface StatusDef {
  code: string;
  name: string;
  color: string;
  initial?: boolean;
  final?: boolean;
  /** Set only by automation (robots, process outcomes); never offered to a person. */
  automatic?: boolean;
}

export type FieldType = "text" | "number" | "money" | "date" | "select" | "user" | "company";

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  options?: string[];
}

export type ResetPeriod = "never" | "year" | "month";
export type Access = "all" | "participants";

export interface DocumentType {
  id: string;
  code: string;
  name: string;
  folder: string;
  numbering: { template: string; reset: ResetPeriod };
  statuses: StatusDef[];
  fields: FieldDef[];
  access: Access;
  /** Optional server hint: the next counter value for the current period. */
  nextNumber?: string;
}

export type DocumentTypeInput = Omit<DocumentType, "id" | "nextNumber">;

export interface DocumentStatus {
  code: string;
  name: string;
  color: string;
}

export interface DocumentFile {
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  version: number;
}

export type DocumentState = "active" | "reserved" | "cancelled" | "archived";

/** The browser preview of the current version (PDF + first-page thumbnail), and whether its text came from OCR. */
export interface Rendition {
  state: "pending" | "ready" | "failed" | "unsupported";
  pages?: number;
  ocr: boolean;
  reason?: string;
  thumbnail: boolean;
}

export interface DocketDocument {
  id: string;
  typeId: string;
  number: string;
  title: string;
  companyId: string | null;
  responsibleId: string | null;
  itemIds: string[];
  status: DocumentStatus;
  folder: { id: string; path: string };
  /** null while the number is reserved and no file has been uploaded. */
  file: DocumentFile | null;
  fields: Record<string, unknown>;
  state: DocumentState;
  cancellation: { at: string; reason: string } | null;
  rendition: Rendition;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type StageSemantics = "process" | "success" | "failure";

export interface Stage {
  code: string;
  name: string;
  color: string;
  semantics: StageSemantics;
  /** The stages a person may move an item to from this one; absent = any. */
  next?: string[];
  /** Working-time limit for an item in this stage (ISO duration). */
  sla?: string;
}

export interface Process {
  id: string;
  code: string;
  name: string;
  access: Access;
  stages: Stage[];
}

export type ProcessInput = Omit<Process, "id">;

export type RobotKind =
  | "setResponsible"
  | "notify"
  | "setDocumentStatus"
  | "requestApproval"
  | "moveToStage"
  | "webhook"
  | "generateDocument";
export type ConditionOp = "eq" | "ne" | "gt" | "lt" | "in";

export interface RobotCondition {
  field: string;
  op: ConditionOp;
  value: unknown;
}

export interface Robot {
  id: string;
  stage: string;
  delay: string | null;
  delayIn?: "calendar" | "working";
  condition?: RobotCondition | null;
  kind: RobotKind;
  params: Record<string, unknown>;
}

export type RobotInput = Omit<Robot, "id">;
