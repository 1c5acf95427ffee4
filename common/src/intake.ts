import { z } from "zod";
import { isoTimestamp } from "./common.js";

/** "off": DOCKET_IMAP_URL not set; "waiting": no poll yet; "ok"/"failing": how the last poll went. */
export const intakeStateSchema = z.enum(["off", "waiting", "ok", "failing"]);
export type IntakeState = z.infer<typeof intakeStateSchema>;

export const intakeMessageSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  subject: z.string().nullable(),
  sender: z.string().nullable(),
  state: z.enum(["registered", "failed"]),
  reason: z.string().nullable(),
  companyId: z.string().nullable(),
  documentIds: z.array(z.string()),
  receivedAt: isoTimestamp,
});
export type IntakeMessage = z.infer<typeof intakeMessageSchema>;

export const intakeStatusSchema = z.object({
  state: intakeStateSchema,
  /** The mailbox without its password, e.g. imap://docs@mail.example.ru:993/INBOX. */
  mailbox: z.string().nullable(),
  typeCode: z.string().nullable(),
  doneFolder: z.string().nullable(),
  failedFolder: z.string().nullable(),
  intervalSeconds: z.number().nullable(),
  lastPollAt: isoTimestamp.nullable(),
  lastSuccessAt: isoTimestamp.nullable(),
  lastError: z.string().nullable(),
  /** The latest messages taken, newest first. */
  recent: z.array(intakeMessageSchema),
});
export type IntakeStatus = z.infer<typeof intakeStatusSchema>;
