import { formatMoney } from '../../../shared/money.js';

/** The user's locale (the browser's), for numbers and dates. */
export const userLocale = (): string | undefined => (typeof navigator !== 'undefined' ? navigator.language : undefined) || undefined;

export function money(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  try {
    return formatMoney(minor, currency, userLocale());
  } catch {
    return `${minor} ${currency}`;
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** 'YYYY-MM-DD' for people ('5 Jan 2024' / 'Jan 5, 2024' …), never shifted by the time zone. */
export function day(iso: string | null | undefined, style: 'medium' | 'short' = 'medium'): string {
  if (!iso) return '—';
  const key = `${userLocale() ?? ''}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(userLocale(), { dateStyle: style, timeZone: 'UTC' });
    dateFormats.set(key, f);
  }
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}

export const period = (start: string, end: string): string => `${day(start)} – ${day(end)}`;

/** 'Nov 1 – Nov 30, 2025' (the year once when both days share it). */
export function shortPeriod(start: string, end: string): string {
  if (start.slice(0, 4) !== end.slice(0, 4)) return period(start, end);
  try {
    const f = new Intl.DateTimeFormat(userLocale(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return `${f.format(new Date(`${start}T00:00:00Z`))} – ${day(end)}`;
  } catch {
    return period(start, end);
  }
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString(userLocale())} ${n === 1 ? one : many}`;
