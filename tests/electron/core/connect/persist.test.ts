import { describe, expect, it } from 'vitest';
import { consentStateOf } from '../../../../electron/core/connect/persist.js';

const now = new Date('2026-11-22T12:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();
const consent = (expiresAt: string | null, revokedAt: string | null = null) => ({ consentId: '9', consentExpiresAt: expiresAt, consentRevokedAt: revokedAt });

describe('consent state shown on the Online Synchronization page', () => {
  it('warns from 15 days before expiry, not earlier', () => {
    expect(consentStateOf(consent(inDays(15.01)), now)).toBe('active');
    expect(consentStateOf(consent(inDays(15)), now)).toBe('expiring');
    expect(consentStateOf(consent(inDays(1)), now)).toBe('expiring');
    expect(consentStateOf(consent(inDays(0.001)), now)).toBe('expiring');
  });

  it('is expired once the expiry passed, also when Salt Edge reports it as revoked at its expiry', () => {
    expect(consentStateOf(consent(inDays(0)), now)).toBe('expired');
    expect(consentStateOf(consent(inDays(-3)), now)).toBe('expired');
    expect(consentStateOf(consent(inDays(-3), inDays(-3)), now)).toBe('expired');
  });

  it('is revoked when revoked before its expiry; unknown without any consent', () => {
    expect(consentStateOf(consent(inDays(40), inDays(-1)), now)).toBe('revoked');
    expect(consentStateOf({ consentId: null, consentExpiresAt: null, consentRevokedAt: null }, now)).toBe('unknown');
    expect(consentStateOf(consent(null), now)).toBe('active');
  });
});
