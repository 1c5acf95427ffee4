/**
 * The origin form (`/api/users?x=1`) of a request target. HTTP/1.1 servers must also accept the absolute form
 * (`http://host/api/users?x=1`, RFC 9112 §3.2.2) and the router matches it like the origin form; rewriting it before
 * routing means every hook, handler and log line sees one shape of path. Anything else is left for the router to refuse.
 */
export function originForm(target: string): string {
  if (target.startsWith("/")) return target;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (!absolute) return target;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}
