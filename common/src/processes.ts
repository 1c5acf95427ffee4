import { z } from "zod";
import { codeSchema, idSchema, isoTimestamp, listQuery, optionalText, requiredText } from "./common.js";
import { parseIsoDuration } from "./duration.js";

export const stageSemanticsSchema = z.enum(["process", "success", "failure"]);
export type StageSemantics = z.infer<typeof stageSemanticsSchema>;

export const stageSchema = z.object({
  code: codeSchema,
  name: requiredText(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colour must be #rrggbb"),
  semantics: stageSemanticsSchema.default("process"),
  /** How long an item may stay in this stage, in working time (ISO-8601 duration); sets Item.dueAt. */
  sla: z
    .string()
    .max(40)
    .refine((s) => parseIsoDuration(s) !== null, { message: "A positive ISO-8601 duration, e.g. PT4H, P2D" })
    .optional(),
  /** The stages a person may move an item to from this one (absent = any); robots and approvals are not limited. */
  next: z.array(codeSchema).max(50).optional(),
});
export type Stage = z.infer<typeof stageSchema>;

export const processAccessSchema = z.enum(["all", "participants"]);

const stagesSchema = z
  .array(stageSchema)
  .min(1)
  .max(50)
  .superRefine((stages, ctx) => {
    const seen = new Set<string>();
    stages.forEach((stage, i) => {
      if (seen.has(stage.code))
        ctx.addIssue({ code: "custom", path: [i, "code"], message: "Stage codes must be unique" });
      seen.add(stage.code);
    });
    const codes = new Set(stages.map((s) => s.code));
    stages.forEach((stage, i) =>
      stage.next?.forEach((code, j) => {
        if (!codes.has(code))
          ctx.addIssue({ code: "custom", path: [i, "next", j], message: `No stage "${code}" in this process` });
      }),
    );
    if (!stages.some((s) => s.semantics === "success"))
      ctx.addIssue({ code: "custom", path: [], message: "At least one stage must have semantics 'success'" });
  });

export const processSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  access: processAccessSchema,
  stages: z.array(stageSchema),
  /** Bumped by every change of stages or robots; `?version=N` shows an older one. */
  version: z.number().int(),
  createdAt: isoTimestamp,
});
export type Process = z.infer<typeof processSchema>;
export const processQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const createProcessBody = z
  .object({
    code: codeSchema,
    name: requiredText(200),
    access: processAccessSchema.default("all"),
    stages: stagesSchema,
  })
  .strict();
export type CreateProcessBody = z.infer<typeof createProcessBody>;
export const updateProcessBody = z
  .object({ code: codeSchema, name: requiredText(200), access: processAccessSchema, stages: stagesSchema })
  .partial()
  .strict();
export type UpdateProcessBody = z.infer<typeof updateProcessBody>;

// Robots -------------------------------------------------------------------------------------------------------------

export const durationSchema = z
  .string()
  .max(40)
  .refine((s) => parseIsoDuration(s) !== null, { message: "A positive ISO-8601 duration, e.g. PT24H, P1D, PT5S" });

export const conditionSchema = z.object({
  /** "amount" (item field, else any linked document's field), "item.title", "company" (its name), "document.amount". */
  field: z.string().trim().min(1).max(100),
  op: z.enum(["eq", "ne", "gt", "lt", "in"]),
  value: z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.union([z.string().max(500), z.number()]))]),
});
export type RobotCondition = z.infer<typeof conditionSchema>;

/** Managers are resolved through departments at run time: the head of the person's department (or its parent's). */
export const managerRefs = ["initiatorManager", "responsibleManager"] as const;
const userRef = z.union([z.enum(["responsible", "initiator", ...managerRefs]), idSchema]);
const recipientRef = z.union([z.enum(["responsible", "initiator", "observers", ...managerRefs]), idSchema]);
export const approvalModeSchema = z.enum(["any", "all", "sequential"]);
export type ApprovalMode = z.infer<typeof approvalModeSchema>;
export const delayInSchema = z.enum(["calendar", "working"]);
export type DelayIn = z.infer<typeof delayInSchema>;

const robotBase = {
  stage: codeSchema,
  delay: durationSchema.nullable().default(null),
  /** "working": the delay counts working time of the production calendar (PT4H = four working hours). */
  delayIn: delayInSchema.default("calendar"),
  condition: conditionSchema.nullable().optional(),
  name: optionalText(200),
};

export const createRobotBody = z.discriminatedUnion("kind", [
  z.object({ ...robotBase, kind: z.literal("setResponsible"), params: z.object({ userId: idSchema }) }),
  z.object({
    ...robotBase,
    kind: z.literal("notify"),
    params: z.object({ to: z.array(recipientRef).min(1).max(50), message: requiredText(2000) }),
  }),
  z.object({ ...robotBase, kind: z.literal("setDocumentStatus"), params: z.object({ status: codeSchema }) }),
  z.object({
    ...robotBase,
    kind: z.literal("requestApproval"),
    params: z.object({
      approvers: z.array(userRef).min(1).max(50),
      /** any: one approval is enough; all: everyone, in any order; sequential: one after another, as listed. */
      mode: approvalModeSchema.default("all"),
      onApprove: codeSchema,
      onReject: codeSchema,
      /** Each approver's time to decide, in working time, from when they are asked. */
      deadline: durationSchema.optional(),
      /** notApproved: whoever approved the previous round of this robot is carried over, not asked again. */
      reapprove: z.enum(["all", "notApproved"]).default("all"),
    }),
  }),
  z.object({
    ...robotBase,
    kind: z.literal("attachApprovalSheet"),
    /** Registers the item's latest finished round's approval sheet as a document of this type, linked to the item. */
    params: z.object({ typeId: idSchema }),
  }),
  z.object({
    ...robotBase,
    kind: z.literal("generateDocument"),
    /** Fills the DOCX template and registers the result as a numbered document linked to the item. */
    params: z.object({ templateId: idSchema }),
  }),
  z.object({ ...robotBase, kind: z.literal("moveToStage"), params: z.object({ stage: codeSchema }) }),
  z.object({ ...robotBase, kind: z.literal("webhook"), params: z.object({ url: z.url({ protocol: /^https?$/ }) }) }),
]);
export type CreateRobotBody = z.infer<typeof createRobotBody>;
/** A robot as written by hand (defaults such as `delayIn` may be left out). */
export type CreateRobotInput = z.input<typeof createRobotBody>;
export type RobotKind = CreateRobotBody["kind"];

/** Merged with the robot and checked against createRobotBody as a whole, since params depend on kind. */
export const updateRobotBody = z
  .object({
    stage: codeSchema,
    delay: z.string().max(40).nullable(),
    delayIn: delayInSchema,
    condition: conditionSchema.nullable(),
    name: optionalText(200),
    kind: z.string().max(40),
    params: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type UpdateRobotBody = z.infer<typeof updateRobotBody>;

export const robotSchema = z.object({
  id: z.string(),
  processId: z.string(),
  stage: z.string(),
  name: z.string().nullable(),
  delay: z.string().nullable(),
  delayIn: delayInSchema,
  condition: conditionSchema.nullable(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  createdAt: isoTimestamp,
});
export type Robot = z.infer<typeof robotSchema>;

export const processVersionSchema = z.object({
  version: z.number().int(),
  createdAt: isoTimestamp,
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  stages: z.array(stageSchema),
  robots: z.array(robotSchema),
  /** How many items run under this version now. */
  items: z.number().int(),
});
export type ProcessVersion = z.infer<typeof processVersionSchema>;
export const processVersionsSchema = z.object({ items: z.array(processVersionSchema), nextCursor: z.null() });
export type ProcessVersions = z.infer<typeof processVersionsSchema>;
export const moveItemVersionBody = z.object({ version: z.number().int().min(1) }).strict();

/**
 * The key webhook robots sign with (`X-Docket-Signature: sha256=<HMAC-SHA256 of the body, hex>`): generated per
 * installation, or set by the operator in DOCKET_WEBHOOK_SECRET (then not shown here).
 */
export const webhookSecretSchema = z.object({
  source: z.enum(["generated", "environment"]),
  secret: z.string().nullable(),
});
export type WebhookSecret = z.infer<typeof webhookSecretSchema>;

// Items ---------------------------------------------------------------------------------------------------------------

export const itemFieldsSchema = z.record(z.string().max(100), z.unknown());

export const itemSchema = z.object({
  id: z.string(),
  processId: z.string(),
  title: z.string(),
  stage: stageSchema,
  stageEnteredAt: isoTimestamp,
  initiatorId: z.string().nullable(),
  responsibleId: z.string().nullable(),
  observerIds: z.array(z.string()),
  companyId: z.string().nullable(),
  documentIds: z.array(z.string()),
  fields: itemFieldsSchema,
  /** The process version the item runs under (its robots); new items take the latest. */
  processVersion: z.number().int(),
  /** stageEnteredAt + the stage's SLA in working time; null when the stage has none. */
  dueAt: isoTimestamp.nullable(),
  /**
   * In an open stage and late: past its SLA due time; or, in a stage without an SLA, kept longer than the stage's
   * first delayed robot (its reminder) waits; or an approval task of it is pending past its deadline.
   */
  overdue: z.boolean(),
  /** The first linked document the viewer may open (the card's number). */
  mainDocument: z.object({ id: z.string(), number: z.string() }).nullable(),
  /** The item's own `amount` field, else the first linked document's `amount` (visible to the viewer). */
  amount: z.number().nullable(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Item = z.infer<typeof itemSchema>;

const observerIds = z.array(idSchema).max(100);
export const createItemBody = z
  .object({
    title: requiredText(300),
    companyId: idSchema.nullable().optional(),
    responsibleId: idSchema.nullable().optional(),
    observerIds: observerIds.optional(),
    fields: itemFieldsSchema.optional(),
  })
  .strict();
export type CreateItemBody = z.infer<typeof createItemBody>;
export const updateItemBody = z
  .object({
    title: requiredText(300),
    companyId: idSchema.nullable(),
    responsibleId: idSchema.nullable(),
    observerIds,
    fields: itemFieldsSchema,
  })
  .partial()
  .strict();
export type UpdateItemBody = z.infer<typeof updateItemBody>;

const queryFlag = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .optional();
export const listItemsQuery = listQuery.extend({
  stage: z.string().max(50).optional(),
  companyId: idSchema.optional(),
  responsibleId: idSchema.optional(),
  /** Items the caller is responsible for. */
  mine: queryFlag,
  /** Only overdue items (see Item.overdue). */
  overdue: queryFlag,
  /** Words found in the title, the company's name or INN, or a linked document's number (case-insensitive). */
  q: z.string().trim().max(200).optional(),
});
export type ListItemsQuery = z.infer<typeof listItemsQuery>;
/** `GET /api/items`: the caller's visible items across processes (e.g. a company card's Processes tab). */
export const listAllItemsQuery = listItemsQuery.extend({ processId: idSchema.optional() });
export const moveItemBody = z.object({ stage: codeSchema, reopen: z.boolean().optional() }).strict();
export type MoveItemBody = z.infer<typeof moveItemBody>;

// Approvals -----------------------------------------------------------------------------------------------------------

const personRef = z.object({ id: z.string(), name: z.string() });
export const approvalStateSchema = z.enum(["pending", "approved", "rejected", "cancelled", "carried"]);
export const approvalDecisionSchema = z.enum(["approve", "approveWithRemarks", "reject", "carried"]);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;
/** A linked document as a round saw it when it started. */
export const roundDocumentSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  fileName: z.string(),
  /** The document's `amount` field, where its type has one. */
  amount: z.number().nullable(),
});
export type RoundDocument = z.infer<typeof roundDocumentSchema>;
export const approvalSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  item: z.object({ id: z.string(), title: z.string(), processId: z.string() }),
  stage: z.string(),
  mode: approvalModeSchema,
  state: approvalStateSchema,
  decision: approvalDecisionSchema.nullable(),
  round: z.number().int(),
  dueAt: isoTimestamp.nullable(),
  company: personRef.nullable(),
  /** The documents under approval, at the versions the round asks about. */
  documents: z.array(roundDocumentSchema),
  comment: z.string().nullable(),
  requestedAt: isoTimestamp,
  decidedAt: isoTimestamp.nullable(),
  /** Whose task it is. */
  approver: personRef,
  /** Decided by a deputy: the absent approver it was decided for (the deputy is `decidedBy`). */
  onBehalfOf: personRef.nullable(),
  decidedBy: personRef.nullable(),
  /** Listed for a deputy: the absent approver the caller may decide this task for. */
  actingFor: personRef.nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;
/** `decided`: every task the caller decided (approved, with remarks, or rejected), as approver or as deputy. */
export const listApprovalsQuery = listQuery.extend({
  state: z.enum([...approvalStateSchema.options, "decided"]).optional(),
});
export const decisionBody = z
  .object({ decision: z.enum(["approve", "approveWithRemarks", "reject"]), comment: optionalText(2000) })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision === "reject" && !body.comment)
      ctx.addIssue({ code: "custom", path: ["comment"], message: "A rejection needs a comment" });
    if (body.decision === "approveWithRemarks" && !body.comment)
      ctx.addIssue({ code: "custom", path: ["comment"], message: "Approval with remarks needs the remarks" });
  });

export const roundTaskSchema = z.object({
  id: z.string(),
  /** Who decided (a deputy, when `onBehalfOf` is set), else whose task it is. */
  approver: personRef,
  onBehalfOf: personRef.nullable(),
  decision: approvalDecisionSchema.nullable(),
  /** waiting = not asked yet (sequential), pending = asked, cancelled = no longer asked. */
  state: z.enum(["waiting", "pending", "approved", "rejected", "cancelled", "carried"]),
  comment: z.string().nullable(),
  decidedAt: isoTimestamp.nullable(),
  dueAt: isoTimestamp.nullable(),
});
export const approvalRoundSchema = z.object({
  round: z.number().int(),
  mode: approvalModeSchema,
  startedAt: isoTimestamp,
  finishedAt: isoTimestamp.nullable(),
  outcome: z.enum(["approved", "rejected"]).nullable(),
  /** The frozen approval sheet's sha256, once the round has finished and its sheet was made. */
  sheetSha256: z.string().nullable(),
  documents: z.array(roundDocumentSchema.pick({ id: true, number: true, title: true, version: true, sha256: true })),
  tasks: z.array(roundTaskSchema),
});
export type ApprovalRound = z.infer<typeof approvalRoundSchema>;
export const itemApprovalsSchema = z.object({ rounds: z.array(approvalRoundSchema) });
export type ItemApprovals = z.infer<typeof itemApprovalsSchema>;
export const approvalSheetQuery = z.object({ round: z.coerce.number().int().min(1).optional() });
export type DecisionBody = z.infer<typeof decisionBody>;

// Analytics -----------------------------------------------------------------------------------------------------------

const analyticsInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
/** `GET /api/processes/:id/analytics`: `to` defaults to now, `from` to twelve weeks before `to`. */
export const processAnalyticsQuery = z.object({
  from: analyticsInstant.optional(),
  to: analyticsInstant.optional(),
});
export const processAnalyticsSchema = z.object({
  from: isoTimestamp,
  to: isoTimestamp,
  stages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      color: z.string(),
      semantics: z.enum(["process", "success", "failure"]),
      /** Items in the stage now, and how many of them are overdue. */
      items: z.number().int(),
      overdue: z.number().int(),
      /** Stays in the stage that ended (the item moved on) within [from, to): how many, median and 90th percentile. */
      stays: z.number().int(),
      medianMs: z.number().nullable(),
      p90Ms: z.number().nullable(),
    }),
  ),
  /** Items that reached a success or failure stage, per week (weeks start on Monday in DOCKET_TZ). */
  throughput: z.array(z.object({ week: z.string(), succeeded: z.number().int(), failed: z.number().int() })),
  /** Per current responsible (null = nobody): open items, overdue ones, and items finished within [from, to). */
  responsibles: z.array(
    z.object({
      userId: z.string().nullable(),
      name: z.string().nullable(),
      open: z.number().int(),
      overdue: z.number().int(),
      finished: z.number().int(),
    }),
  ),
});
export type ProcessAnalytics = z.infer<typeof processAnalyticsSchema>;
