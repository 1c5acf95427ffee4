/**
 * A browser's part of an HTTP conversation for tests that cross origins (Docket and an identity provider): a cookie
 * jar (cookies belong to a host, not a port, as in browsers; Path and Max-Age honoured), redirects followed by hand
 * so a test can stop at or alter one, and HTML forms submitted the way a person would.
 */
interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

export class BrowserJar {
  private cookies: StoredCookie[] = [];

  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }

  setCookie(name: string, value: string): void {
    for (const c of this.cookies) if (c.name === name) c.value = value;
  }

  private store(url: URL, header: string): void {
    const [pair, ...attributes] = header.split(";").map((part) => part.trim());
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    let path = "/";
    let expired = false;
    for (const attribute of attributes) {
      const [key, val = ""] = attribute.split("=");
      if (key!.toLowerCase() === "path") path = val;
      if (key!.toLowerCase() === "max-age" && Number(val) <= 0) expired = true;
      if (key!.toLowerCase() === "expires" && Date.parse(val) <= Date.now()) expired = true;
    }
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.hostname && c.path === path));
    if (!expired) this.cookies.push({ name, value, host: url.hostname, path });
  }

  private header(url: URL): string {
    return this.cookies
      .filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path)))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  /** One request, no redirects followed. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.header(target);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) this.store(target, line);
    return response;
  }

  /**
   * Follows redirects from `url` until a page answers (or `stopAt` says stop at a redirect target, which is then
   * returned unvisited). Returns the last response and its URL.
   */
  async follow(
    url: string | URL,
    init: RequestInit = {},
    stopAt?: (next: URL) => boolean,
  ): Promise<{ response: Response | null; url: URL }> {
    let current = new URL(url);
    let response = await this.fetch(current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      await response.body?.cancel();
      const next = new URL(response.headers.get("location")!, current);
      if (stopAt?.(next)) return { response: null, url: next };
      current = next;
      response = await this.fetch(current);
    }
    return { response, url: current };
  }

  /** Submits the first form of an HTML page, with its hidden fields and the given values. */
  async submitForm(
    page: { html: string; url: URL },
    values: Record<string, string> = {},
    stopAt?: (next: URL) => boolean,
  ): Promise<{ response: Response | null; url: URL }> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.html);
    if (!form) throw new Error(`no form on ${page.url.href}: ${page.html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input([^>]*)>/gi)) {
      const name = /name="([^"]*)"/.exec(input[1]!)?.[1];
      if (!name) continue;
      fields.set(name, values[name] ?? /value="([^"]*)"/.exec(input[1]!)?.[1] ?? "");
    }
    const action = new URL(decodeHtml(form[1]!), page.url);
    return this.follow(
      action,
      { method: "POST", body: fields, headers: { "content-type": "application/x-www-form-urlencoded" } },
      stopAt,
    );
  }
}

const decodeHtml = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&#x2F;/gi, "/")
    .replace(/&#47;/g, "/")
    .replace(/&quot;/g, '"');
