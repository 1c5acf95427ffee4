import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type FieldError } from "../lib/errors.js";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  params?: Record<string, string | number>,
): FastifyReply {
  const body: Record<string, unknown> = {
    type: `about:blank#${code}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
  };
  if (params) body.params = params;
  if (errors && errors.length > 0) body.errors = errors;
  return reply.status(status).type("application/problem+json; charset=utf-8").send(JSON.stringify(body));
}

/** The one place where any thrown error becomes RFC 9457 problem details. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      const { reason } = error;
      const errors = error.errors ?? (reason?.field ? [{ path: reason.field, message: error.message }] : undefined);
      return sendProblem(reply, error.status, reason?.code ?? error.code, error.message, errors, reason?.params);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, "").replaceAll("/", ".") || (error.validationContext ?? "body"),
        message: v.message ?? "Invalid value",
      }));
      return sendProblem(reply, 400, "validation_failed", `Invalid ${error.validationContext ?? "request"}`, errors);
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return sendProblem(reply, status, codeForFastifyError(fastifyError), fastifyError.message);
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, 500, "internal", "Internal error; it has been logged");
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, "not_found", `No route ${request.method} ${request.url.split("?")[0]}`),
  );
}

const CODES_BY_STATUS: Record<number, string> = {
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

function codeForFastifyError(error: FastifyError): string {
  return CODES_BY_STATUS[error.statusCode ?? 400] ?? "bad_request";
}
