/** Typed fetch wrapper: same-origin cookies, CSRF header on unsafe methods, problem+json → ApiError. */

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** What the UI needs to word `errors.<code>` in the user's language. */
  readonly params: Record<string, string | number>;

  constructor(
    status: number,
    code: string,
    detail: string,
    errors: FieldError[] = [],
    params: Record<string, string | number> = {},
  ) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.params = params;
  }
}

let csrfToken = "";

/** Login and `GET /api/auth/me` hand out the token; every unsafe request echoes it. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function getCsrfToken(): string {
  return csrfToken;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function problemFromBody(status: number, contentType: string, text: string): Promise<ApiError> {
  if (contentType.includes("json") && text) {
    try {
      const body = JSON.parse(text) as {
        detail?: string;
        code?: string;
        errors?: FieldError[];
        title?: string;
        params?: Record<string, string | number>;
      };
      return new ApiError(
        status,
        body.code ?? `http_${status}`,
        body.detail ?? body.title ?? `HTTP ${status}`,
        body.errors ?? [],
        body.params ?? {},
      );
    } catch {
      // fall through to the generic error below
    }
  }
  return new ApiError(status, `http_${status}`, text.slice(0, 200) || `HTTP ${status}`);
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (!SAFE_METHODS.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "Network error: the server cannot be reached");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!response.ok) throw await problemFromBody(response.status, response.headers.get("content-type") ?? "", text);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, { body }),
  delete: <T = void>(path: string, body?: unknown) => request<T>("DELETE", path, { body }),
  /** What a form saves: a new one into `collection` (POST), or, given its id, that one changed (PATCH). */
  save: <T>(collection: string, id: string | undefined, body: unknown) =>
    id ? request<T>("PATCH", `${collection}/${id}`, { body }) : request<T>("POST", collection, { body }),
};
