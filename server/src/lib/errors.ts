export interface FieldError {
  path: string;
  message: string;
}

/** Every specific reason the server gives; the web words each one (server/test/error-codes.test.ts checks it). */
export const REASON_CODES = [
  "absence_overlaps",
  "already_set_up",
  "approval_decided_meanwhile",
  "approval_item_left",
  "approval_not_pending",
  "cannot_demote_self",
  "code_taken",
  "company_in_use",
  "department_has_children",
  "department_has_members",
  "document_archived",
  "document_cancelled",
  "document_changed_meanwhile",
  "document_not_archived",
  "email_taken",
  "inn_taken",
  "item_closed",
  "item_moved_meanwhile",
  "preview_pending",
  "stage_not_in_version",
  "stage_targeted_by_robots",
  "stages_hold_items",
  "status_automatic",
  "status_unknown",
  "statuses_in_use",
  "template_not_docx",
  "template_unknown_placeholder",
  "template_unreadable",
  "template_used_by_robots",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * A specific, stable reason a request was refused: its `code` replaces the generic one (conflict, unprocessable) in the
 * problem body and `params` carry what the UI needs to word it in the user's language (web i18n `errors.<code>`).
 */
export interface Reason {
  code: ReasonCode;
  params?: Record<string, string | number>;
  /** The request field the refusal is about (`errors[].path`), so a form shows it beside that field. */
  field?: string;
}

const STATUS_BY_CODE = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  current_password_wrong: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  webhook_target_private: 422,
  export_format_unknown: 422,
  journal_period_invalid: 422,
  journal_period_too_long: 422,
  mention_not_visible: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;
export const ERROR_CODES = Object.keys(STATUS_BY_CODE) as ErrorCode[];

/** The one error type services throw; http/problem.ts turns it into RFC 9457 problem details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    readonly reason?: Reason,
  ) {
    super(message);
    this.status = STATUS_BY_CODE[code];
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (why = "You are not allowed to do this") => new AppError("forbidden", why);
export const conflict = (why: string, reason?: Reason) => new AppError("conflict", why, undefined, undefined, reason);
export const unprocessable = (why: string, errors?: FieldError[], reason?: Reason) =>
  new AppError("unprocessable", why, errors, undefined, reason);
export const badRequest = (why: string, errors?: FieldError[]) => new AppError("validation_failed", why, errors);
