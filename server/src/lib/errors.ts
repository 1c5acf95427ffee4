export interface FieldError {
  path: string;
  message: string;
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
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

/** The one error type services throw; http/problem.ts turns it into RFC 9457 problem details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS_BY_CODE[code];
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (why = "You are not allowed to do this") => new AppError("forbidden", why);
export const conflict = (why: string) => new AppError("conflict", why);
export const unprocessable = (why: string, errors?: FieldError[]) => new AppError("unprocessable", why, errors);
export const badRequest = (why: string, errors?: FieldError[]) => new AppError("validation_failed", why, errors);
