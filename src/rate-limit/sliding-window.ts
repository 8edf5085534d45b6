import type { WindowHits } from '../shared-state/shared-state';

export interface Verdict {
  /** The sliding count: hits of the current window plus the previous window's, weighted by overlap. */
  count: number;
  limited: boolean;
  /** Whole requests left before the limit (RateLimit-Remaining). */
  remaining: number;
  /** Limited: until one more request would be allowed. Otherwise: until the previous window no longer counts. */
  resetMs: number;
}

/**
 * A sliding window of `windowMs` estimated from two fixed ones (the current and the previous window, the
 * latter weighted by how much of it the sliding window still covers). Unlike a fixed window it never lets
 * a client send twice its limit across a window boundary, and it costs two counters, not a log of hits.
 */
export function slidingWindow(limit: number, windowMs: number, hits: WindowHits): Verdict {
  const left = windowMs - hits.elapsedMs;
  const count = (hits.previous * left) / windowMs + hits.current;
  const limited = count > limit;
  const remaining = Math.max(0, Math.floor(limit - count));
  if (!limited) return { count, limited, remaining, resetMs: left };
  // The next request is allowed once the count has fallen to limit - 1.
  const target = limit - 1;
  let waitMs: number;
  if (hits.current <= target && hits.previous > 0) {
    // Within this window, as the previous one slides out.
    waitMs = left - ((target - hits.current) * windowMs) / hits.previous;
  } else {
    // In the next window, where this window's hits are the ones sliding out.
    waitMs = left + windowMs * (1 - target / hits.current);
  }
  return { count, limited, remaining, resetMs: Math.max(1, Math.ceil(waitMs)) };
}
