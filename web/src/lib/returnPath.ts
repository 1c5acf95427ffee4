/**
 * Where to go after signing in: the page the person was sent away from, when it is a path on this site. "//host" and
 * "/\host" are other sites to a browser, so only a single leading slash followed by something else counts.
 */
export function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from !== "string" || !/^\/(?![/\\])/.test(from) || from.startsWith("/login")) return "/";
  return from;
}
