import { formatMoney } from '../../../shared/money.js';

/** `2026-03-15` → `15 Mar 2026` (a plain date stays a plain date: no time zone shift). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatBalance(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  try {
    return formatMoney(minor, currency, 'en-GB');
  } catch {
    return `${minor} ${currency}`;
  }
}

const SCOPE_WORDS: Record<string, string> = {
  accounts: 'your accounts (names, numbers, balances)',
  transactions: 'their transactions',
  holder_info: 'the account holder’s name and contact details',
  balance: 'balances',
};

/** ['accounts','transactions'] → "your accounts (names, numbers, balances) and their transactions" */
export function scopesInWords(scopes: readonly string[]): string {
  const words = scopes.map((s) => SCOPE_WORDS[s] ?? s.replace(/_/g, ' '));
  if (words.length <= 1) return words[0] ?? 'nothing';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const MODE_WORDS: Record<string, string> = {
  oauth: 'You sign in on your bank’s own website (OAuth)',
  web: 'You sign in with your online-banking login on the Salt Edge page',
  api: 'You sign in with your online-banking login on the Salt Edge page (bank API)',
  file: 'Statements are uploaded as files',
};

export function modeInWords(mode: string | null | undefined): string {
  return (mode && MODE_WORDS[mode]) || 'Sign-in method not stated';
}

export function periodInWords(days: number | null): string {
  return days === null ? 'as long as the bank allows' : `${days} day${days === 1 ? '' : 's'}`;
}

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function daysAgoIso(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDaysIso(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
