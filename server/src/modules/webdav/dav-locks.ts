import { randomUUID } from "node:crypto";
import { isAdmin, type Actor, type AppContext } from "../../context.js";
import { hrefOf, parseDestination } from "./dav-paths.js";
import { etagOf, resolveNode } from "./dav-tree.js";
import { DavError, escapeXml } from "./dav-xml.js";
import * as repo from "./webdav.repository.js";

/** Longest lock we grant: office programs refresh theirs, and a crashed client must not block others for long. */
export const MAX_LOCK_SECONDS = 3600;

export interface IfCondition {
  not: boolean;
  token?: string;
  etag?: string;
}
export interface IfList {
  /** The tagged resource's drive path, or null for the request URI. */
  resource: string | null;
  conditions: IfCondition[];
}

/** RFC 4918 §10.4: `If: [<uri>] (Not <token> ["etag"]) …`; a malformed header is refused with 400. */
export function parseIfHeader(header: string | undefined): IfList[] {
  if (!header) return [];
  const lists: IfList[] = [];
  let resource: string | null = null;
  let i = 0;
  const bad = () => new DavError(400, "Malformed If header");
  const readUntil = (close: string) => {
    const end = header.indexOf(close, i);
    if (end < 0) throw bad();
    const text = header.slice(i, end);
    i = end + 1;
    return text;
  };
  while (i < header.length) {
    const c = header[i];
    if (c === " " || c === "\t") {
      i++;
    } else if (c === "<") {
      i++;
      const uri = readUntil(">");
      try {
        resource = parseDestination(uri).path;
      } catch {
        resource = `\u0000${uri}`; // names no resource of ours: its lists cannot match
      }
    } else if (c === "(") {
      i++;
      const conditions: IfCondition[] = [];
      for (;;) {
        while (header[i] === " " || header[i] === "\t") i++;
        if (i >= header.length) throw bad();
        if (header[i] === ")") {
          i++;
          break;
        }
        let not = false;
        if (header.slice(i, i + 3).toLowerCase() === "not") {
          not = true;
          i += 3;
          while (header[i] === " " || header[i] === "\t") i++;
        }
        if (header[i] === "<") {
          i++;
          conditions.push({ not, token: readUntil(">") });
        } else if (header[i] === "[") {
          i++;
          conditions.push({ not, etag: readUntil("]") });
        } else throw bad();
      }
      if (conditions.length === 0) throw bad();
      lists.push({ resource, conditions });
    } else throw bad();
  }
  return lists;
}

/** Lock tokens the client holds up: every token named positively anywhere in the If header. */
export const submittedTokens = (lists: IfList[]) =>
  new Set(lists.flatMap((l) => l.conditions.filter((c) => c.token && !c.not).map((c) => c.token!)));

const weak = (etag: string) => etag.replace(/^W\//, "");

/** 412 unless at least one list of the If header holds (its tokens name live locks there, its etags match). */
export async function assertIfHeader(ctx: AppContext, actor: Actor, requestPath: string, lists: IfList[]) {
  const now = ctx.clock.now().toISOString();
  for (const list of lists) {
    const path = list.resource ?? requestPath;
    if (path.startsWith("\u0000")) continue;
    const [node, locks] = await Promise.all([resolveNode(ctx, actor, path), repo.locksCovering(ctx.db, path, now)]);
    const etag = node ? etagOf(node) : null;
    const holds = list.conditions.every((c) => {
      const matched =
        c.token !== undefined ? locks.some((l) => l.token === c.token) : etag !== null && weak(c.etag!) === weak(etag);
      return c.not ? !matched : matched;
    });
    if (holds) return;
  }
  if (lists.length > 0) throw new DavError(412, "The If header's conditions do not hold");
}

/**
 * 423 when a lock the caller does not hold covers `path` (or, for `deep`, anything below it). A lock is held by
 * naming its token in the If header, as the user who took it.
 */
export async function assertUnlocked(
  ctx: AppContext,
  actor: Actor,
  path: string,
  tokens: Set<string>,
  options: { deep?: boolean } = {},
) {
  const now = ctx.clock.now().toISOString();
  const covering = await repo.locksCovering(ctx.db, path, now);
  const held = (lock: repo.LockRow) => tokens.has(lock.token) && lock.userId === actor.id;
  if (covering.length > 0 && !covering.some(held)) throw locked(covering[0]!.path);
  if (options.deep) {
    const below = (await repo.locksWithin(ctx.db, path, now)).filter((l) => l.path !== path);
    const notHeld = below.find((l) => !held(l));
    if (notHeld) throw locked(notHeld.path);
  }
}

const locked = (lockRoot: string) =>
  new DavError(
    423,
    "The resource is locked",
    `<D:lock-token-submitted><D:href>${escapeXml(hrefOf(lockRoot, false))}</D:href></D:lock-token-submitted>`,
  );

export function parseTimeout(header: string | undefined): number {
  for (const option of (header ?? "").split(",").map((s) => s.trim())) {
    if (/^infinite$/i.test(option)) return MAX_LOCK_SECONDS;
    const seconds = /^second-(\d+)$/i.exec(option)?.[1];
    if (seconds) return Math.max(1, Math.min(MAX_LOCK_SECONDS, Number(seconds)));
  }
  return MAX_LOCK_SECONDS;
}

export async function createLock(
  ctx: AppContext,
  actor: Actor,
  request: {
    path: string;
    depth: "0" | "infinity";
    scope: "exclusive" | "shared";
    ownerXml: string | null;
    timeout: number;
  },
): Promise<repo.LockRow> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const existing = [
    ...(await repo.locksCovering(ctx.db, request.path, nowIso)),
    ...(request.depth === "infinity"
      ? (await repo.locksWithin(ctx.db, request.path, nowIso)).filter((l) => l.path !== request.path)
      : []),
  ];
  if (existing.some((l) => request.scope === "exclusive" || l.scope === "exclusive")) {
    throw new DavError(423, "A conflicting lock is held", "<D:no-conflicting-lock/>");
  }
  const row: repo.LockRow = {
    token: `opaquelocktoken:${randomUUID()}`,
    path: request.path,
    depth: request.depth,
    scope: request.scope,
    ownerXml: request.ownerXml,
    userId: actor.id,
    timeoutSeconds: request.timeout,
    expiresAt: new Date(now.getTime() + request.timeout * 1000).toISOString(),
    createdAt: nowIso,
  };
  await repo.insertLock(ctx.db, row);
  return row;
}

/** LOCK without a body: the lock named in the If header, covering this path, gets a new timeout. */
export async function refreshLock(ctx: AppContext, actor: Actor, path: string, tokens: Set<string>, timeout: number) {
  const now = ctx.clock.now();
  const lock = (await repo.locksCovering(ctx.db, path, now.toISOString())).find((l) => tokens.has(l.token));
  if (!lock)
    throw new DavError(
      412,
      "No lock named in the If header covers this resource",
      "<D:lock-token-matches-request-uri/>",
    );
  if (lock.userId !== actor.id) throw new DavError(403, "The lock belongs to someone else");
  const expiresAt = new Date(now.getTime() + timeout * 1000).toISOString();
  await repo.refreshLock(ctx.db, lock.token, timeout, expiresAt);
  return { ...lock, timeoutSeconds: timeout, expiresAt };
}

export async function unlock(ctx: AppContext, actor: Actor, path: string, header: string | undefined) {
  const token = /^\s*<([^>]+)>\s*$/.exec(header ?? "")?.[1];
  if (!token) throw new DavError(400, "UNLOCK needs a Lock-Token header");
  const lock = (await repo.locksCovering(ctx.db, path, ctx.clock.now().toISOString())).find((l) => l.token === token);
  if (!lock) throw new DavError(409, "That lock does not cover this resource", "<D:lock-token-matches-request-uri/>");
  if (lock.userId !== actor.id && !isAdmin(actor)) throw new DavError(403, "The lock belongs to someone else");
  await repo.deleteLock(ctx.db, token);
}

export function activeLockXml(lock: repo.LockRow): string {
  return (
    `<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:${lock.scope}/></D:lockscope>` +
    `<D:depth>${lock.depth === "0" ? "0" : "infinity"}</D:depth>` +
    (lock.ownerXml !== null ? `<D:owner>${lock.ownerXml}</D:owner>` : "") +
    `<D:timeout>Second-${lock.timeoutSeconds}</D:timeout>` +
    `<D:locktoken><D:href>${escapeXml(lock.token)}</D:href></D:locktoken>` +
    `<D:lockroot><D:href>${escapeXml(hrefOf(lock.path, false))}</D:href></D:lockroot></D:activelock>`
  );
}

export async function lockDiscoveryXml(ctx: AppContext, path: string): Promise<string> {
  const locks = await repo.locksCovering(ctx.db, path, ctx.clock.now().toISOString());
  return locks.map(activeLockXml).join("");
}
