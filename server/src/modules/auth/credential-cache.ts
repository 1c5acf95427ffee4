import type { AppContext } from "../../context.js";

/**
 * A short-lived memo of "session or API token → actor", so an authenticated request does not pay a database
 * round trip for who its caller is. Revocation stays immediate in this process: every change that can end or
 * alter a credential (logout, deleting a token, any change to a user, deactivation included) calls
 * `forgetCredentials`. Another process sharing the database (PostgreSQL scale-out) learns of it when its entry
 * expires: after at most CREDENTIAL_CACHE_MS.
 */
export const CREDENTIAL_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  value: unknown;
  until: number;
}

// One memo per application context: tests run several apps (and databases) in one process.
const caches = new WeakMap<AppContext, Map<string, Entry>>();

export function recalled<T>(ctx: AppContext, key: string): T | undefined {
  const entry = caches.get(ctx)?.get(key);
  if (!entry) return undefined;
  if (entry.until > ctx.clock.now().getTime()) return entry.value as T;
  caches.get(ctx)?.delete(key);
  return undefined;
}

/** Remembers a resolved credential until `expiresAt` or for CREDENTIAL_CACHE_MS, whichever comes first. */
export function remember(ctx: AppContext, key: string, value: unknown, expiresAt?: string): void {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map<string, Entry>()));
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const now = ctx.clock.now().getTime();
  const until = Math.min(now + CREDENTIAL_CACHE_MS, expiresAt ? new Date(expiresAt).getTime() : Infinity);
  cache.set(key, { value, until });
}

export function forgetCredentials(ctx: AppContext): void {
  caches.get(ctx)?.clear();
}
