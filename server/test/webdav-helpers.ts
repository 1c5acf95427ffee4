import type { TestApp, TestClient } from "./harness.js";

/** A path as a client sends it: every segment percent-encoded ("#" included: it is a name's character here). */
export const davUrl = (path: string) => encodeURI(path).replace(/#/g, "%23");

export interface DavResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

/** A WebDAV client of the in-process app: HTTP Basic with the user's email and an app password (an API token). */
export interface DavClient {
  email: string;
  request(
    method: string,
    path: string,
    options?: { body?: string | Buffer; headers?: Record<string, string> },
  ): Promise<DavResponse>;
}

export async function davClient(t: TestApp, client: TestClient): Promise<DavClient> {
  const me = (await client.get("/api/auth/me")).body.user;
  const token = (await client.post("/api/tokens", { name: "WebDAV" })).body.token as string;
  const authorization = `Basic ${Buffer.from(`${me.email}:${token}`).toString("base64")}`;
  return {
    email: me.email,
    async request(method, path, options = {}) {
      const response = await t.app.inject({
        method: method as "GET",
        url: davUrl(path),
        headers: { authorization, ...options.headers },
        ...(options.body !== undefined && { payload: options.body }),
      });
      return { status: response.statusCode, headers: response.headers, text: response.body };
    },
  };
}

/** The hrefs a Depth: 1 PROPFIND lists, decoded. */
export async function davList(dav: DavClient, path: string): Promise<string[]> {
  const res = await dav.request("PROPFIND", path, { headers: { depth: "1" } });
  if (res.status !== 207) return [`status ${res.status}`];
  return [...res.text.matchAll(/<D:href>([^<]+)<\/D:href>/g)].map((m) => decodeURIComponent(m[1]!)).slice(1);
}

export const lockBody = (scope: "exclusive" | "shared" = "exclusive") =>
  `<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:${scope}/></D:lockscope>` +
  `<D:locktype><D:write/></D:locktype><D:owner>Office</D:owner></D:lockinfo>`;
