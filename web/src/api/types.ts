/**
 * Shapes of the HTTP contract (shared/API.md) that the web reads: all of them come from @docket/common, where the
 * server's zod schemas are. The aliases below only keep the web's names (DocketDocument: `Document` is the DOM's).
 */
import type {
  CreateProcessBody,
  Document,
  DocumentFieldDef,
  DocumentStatusDef,
  DocumentType,
  NumberingReset,
  Robot,
  RobotCondition,
  RobotKind,
} from "@docket/common";

export type { Company, Contact, User, Role, Locale, Session } from "@docket/common";
export type { Absence, Approval, CalendarYear, Department, HistoryEntry, Item } from "@docket/common";
export type { Notification as AppNotification } from "@docket/common";
export type { WebhookSecret } from "@docket/common";
export type { Access, DocumentFile, DocumentState, DocumentStatus, DocumentType, FieldType } from "@docket/common";
export type { Process, Rendition, Robot, RobotCondition, RobotKind, Stage, StageSemantics } from "@docket/common";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type DocketDocument = Document;
export type StatusDef = DocumentStatusDef;
export type FieldDef = DocumentFieldDef;
export type ResetPeriod = NumberingReset;
export type DocumentTypeInput = Omit<DocumentType, "id" | "nextNumber" | "nextSeq" | "createdAt" | "updatedAt">;
export type ProcessInput = CreateProcessBody;
export type ConditionOp = RobotCondition["op"];
/** The robot form's state; the server checks it against createRobotBody (params depend on kind). */
export type RobotInput = Pick<Robot, "stage" | "delay" | "params"> & {
  kind: RobotKind;
  delayIn?: Robot["delayIn"];
  condition: (Omit<RobotCondition, "value"> & { value: unknown }) | null;
};
