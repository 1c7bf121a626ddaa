/**
 * The sandbox clock: a base clock (real time by default) plus an offset that the control
 * interface can advance, so consent expiry and refresh timeouts can be tested without waiting.
 * It is the server's time everywhere: `Date` headers, timestamps, `Expires-at` checks.
 */
export class SandboxClock {
  constructor(
    private readonly base: () => Date,
    public offsetMs = 0,
  ) {}

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs);
  }

  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** `2026-11-22T10:00:00Z` (seconds precision, as Salt Edge prints datetimes). */
export function isoDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `YYYY-MM-DD` in UTC. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Adds days to a `YYYY-MM-DD` date (calendar arithmetic in UTC, no time zone surprises). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function isValidIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}
