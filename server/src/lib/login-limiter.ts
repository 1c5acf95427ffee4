import type { Clock } from "./clock.js";
import { AppError } from "./errors.js";

const WINDOW_MS = 15 * 60_000;

/**
 * Counts failed sign-ins per (address, email) in a sliding window. In memory: each process guards itself,
 * which bounds guessing to attempts × processes per window — acceptable, and it needs no shared state.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures: number,
  ) {}

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.maxFailures) return 0;
    const oldest = recent[0] ?? 0;
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.clock.now().getTime()) / 1000));
  }

  /** Refuses the attempt (429 with Retry-After) while `key` has no attempts left. */
  assertAllowed(key: string): void {
    const wait = this.retryAfter(key);
    if (wait > 0) {
      throw new AppError("rate_limited", `Too many failed sign-in attempts; try again in ${wait} s`, undefined, {
        "retry-after": String(wait),
      });
    }
  }

  recordFailure(key: string): void {
    const recent = this.recent(key);
    recent.push(this.clock.now().getTime());
    this.failures.set(key, recent);
    if (this.failures.size > 50_000) this.prune();
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private prune(): void {
    for (const key of this.failures.keys()) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
  }
}
