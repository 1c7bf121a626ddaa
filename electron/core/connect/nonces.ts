import { randomBytes } from 'node:crypto';

export type NonceRejection = 'malformed' | 'unknown' | 'used' | 'expired' | 'other-flow';

interface Entry {
  flowId: string;
  expiresAtMs: number;
  usedAtMs: number | null;
  revoked: boolean;
}

export const NONCE_RE = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * Single-use, expiring nonces carried in `return_to`. A nonce belongs to exactly one flow;
 * it can be taken once, before it expires, and not after the flow revoked it (reopen/cancel).
 * Used and revoked nonces are remembered (until well after expiry) so a replay is told apart
 * from a forgery in the log.
 */
export class NonceRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly nowMs: () => number) {}

  issue(flowId: string, ttlMs: number): string {
    this.prune();
    const nonce = randomBytes(24).toString('base64url');
    this.entries.set(nonce, { flowId, expiresAtMs: this.nowMs() + ttlMs, usedAtMs: null, revoked: false });
    return nonce;
  }

  /** Checks without taking it. */
  check(nonce: string, expectedFlowId?: string): { ok: true; flowId: string } | { ok: false; reason: NonceRejection; flowId?: string } {
    if (!NONCE_RE.test(nonce)) return { ok: false, reason: 'malformed' };
    const e = this.entries.get(nonce);
    if (!e) return { ok: false, reason: 'unknown' };
    if (e.usedAtMs !== null || e.revoked) return { ok: false, reason: 'used', flowId: e.flowId };
    if (this.nowMs() >= e.expiresAtMs) return { ok: false, reason: 'expired', flowId: e.flowId };
    if (expectedFlowId !== undefined && expectedFlowId !== e.flowId) return { ok: false, reason: 'other-flow', flowId: e.flowId };
    return { ok: true, flowId: e.flowId };
  }

  /** Marks the nonce used; false when it was not takeable. */
  take(nonce: string, expectedFlowId?: string): boolean {
    const c = this.check(nonce, expectedFlowId);
    if (!c.ok) return false;
    this.entries.get(nonce)!.usedAtMs = this.nowMs();
    return true;
  }

  /** Every open nonce of the flow stops working (reopen, cancel, timeout). */
  revokeFlow(flowId: string): void {
    for (const e of this.entries.values()) if (e.flowId === flowId) e.revoked = true;
  }

  private prune(): void {
    const horizon = this.nowMs() - 24 * 3_600_000;
    for (const [k, e] of this.entries) if (e.expiresAtMs < horizon) this.entries.delete(k);
  }
}
