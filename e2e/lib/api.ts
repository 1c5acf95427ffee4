/** A small API client for seeding data in specs: signs in with a cookie and echoes the CSRF token. */
import { BASE_URL } from "./browser.js";

export class ApiClient {
  private cookie = "";
  private csrf = "";

  static async signIn(email: string, password: string): Promise<ApiClient> {
    const client = new ApiClient();
    const response = await fetch(`${BASE_URL}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    client.cookie = (response.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    client.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
    return client;
  }

  async request<T = any>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await fetch(`${BASE_URL}${url}`, {
      method,
      headers: {
        cookie: this.cookie,
        "x-csrf-token": this.csrf,
        ...(body === undefined || body instanceof FormData ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get = <T = any>(url: string) => this.request<T>("GET", url);
  post = <T = any>(url: string, body?: unknown) => this.request<T>("POST", url, body);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>("PATCH", url, body);
}
