/** API-key (Bearer token) requests: header parsing and the parallel-token bug of FMG 7.2.7 – 7.4.7. */

/** How long a token request is "being processed" when the bug is emulated, so overlap is observable. */
export const TOKEN_PROCESSING_MS = 20;

/** The key from `Authorization: Bearer <key>`, or undefined (other schemes are ignored). */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value === undefined ? null : /^Bearer(?:\s+(.*))?$/i.exec(value.trim());
  return m ? (m[1] ?? '').trim() : undefined;
}

export interface TokenPass {
  /** Another request with the same key was still being processed when this one arrived. */
  collided: boolean;
  /** Requests with the same key in flight when this one arrived, itself included. */
  concurrent: number;
  leave(): void;
}

/**
 * Tracks token requests in flight per key. [U] The reference only says parallel token requests
 * "sporadically return -11"; we model it deterministically: a request that arrives while another
 * one with the same key is in flight gets -11 on every element (the earlier one is unaffected).
 */
export class TokenGate {
  /** Params elements answered with a spurious -11 since start or reset. */
  collisions = 0;
  private readonly inFlight = new Map<string, number>();

  constructor(readonly buggy: boolean) {}

  enter(key: string): TokenPass {
    const n = this.inFlight.get(key) ?? 0;
    this.inFlight.set(key, n + 1);
    let left = false;
    return {
      collided: this.buggy && n > 0,
      concurrent: n + 1,
      leave: () => {
        if (left) return;
        left = true;
        const rest = (this.inFlight.get(key) ?? 1) - 1;
        if (rest > 0) this.inFlight.set(key, rest);
        else this.inFlight.delete(key);
      },
    };
  }
}
