/** One message taken from the mailbox; `messageId` is unique, so a message is registered once. */
export interface IntakeMessagesTable {
  id: string;
  messageId: string;
  subject: string | null;
  sender: string | null;
  state: "registered" | "failed";
  /** Why a failed message could not be registered. */
  reason: string | null;
  companyId: string | null;
  /** JSON array of the registered documents' ids. */
  documentIds: string;
  receivedAt: string;
}

/** The one row ("imap") that says how the last polls went, for /api/health and the settings screen. */
export interface IntakeStatusTable {
  id: string;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface IntakeTables {
  intakeMessages: IntakeMessagesTable;
  intakeStatus: IntakeStatusTable;
}
