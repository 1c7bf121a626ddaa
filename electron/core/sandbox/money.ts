/**
 * Money in the sandbox: integer minor units (bigint) plus the currency's exponent, turned into
 * JSON number text in one of three styles so that clients' parsers are exercised.
 */
import { rawNumber, type RawJson } from './json.js';

/** Decimal places of the currencies the fake banks use (ISO 4217). */
export const CURRENCY_EXPONENT: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  RON: 2,
  JPY: 0,
  KWD: 3,
};

export function exponentOf(currency: string): number {
  const e = CURRENCY_EXPONENT[currency];
  if (e === undefined) throw new Error(`unknown currency ${currency}`);
  return e;
}

/**
 * - `plain`: shortest decimal text (`-12.5`, `1200`, `0.05`).
 * - `fixed`: every decimal of the currency (`-12.50`, `1200.00`).
 * - `exponent`: like plain, but round integers and tiny amounts use exponent notation
 *   (`1e3`, `-1.5e3`, `5e-2`) — valid JSON that naive parsers get wrong.
 */
export type AmountStyle = 'plain' | 'fixed' | 'exponent';

export function formatMinor(minor: bigint, exponent: number, style: AmountStyle): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const intPart = digits.slice(0, digits.length - exponent);
  const fracFull = digits.slice(digits.length - exponent);
  const sign = negative ? '-' : '';
  if (style === 'fixed') return exponent === 0 ? `${sign}${intPart}` : `${sign}${intPart}.${fracFull}`;
  const frac = fracFull.replace(/0+$/, '');
  const plain = frac ? `${sign}${intPart}.${frac}` : `${sign}${intPart}`;
  if (style === 'plain' || minor === 0n) return plain;
  // exponent style
  if (!frac && /00$/.test(intPart)) {
    const significant = intPart.replace(/0+$/, '');
    const power = intPart.length - 1;
    const mantissa = significant.length > 1 ? `${significant[0]}.${significant.slice(1)}` : significant;
    return `${sign}${mantissa}e${power}`;
  }
  if (intPart === '0' && /^0/.test(fracFull)) {
    // |amount| < 0.1: 0.05 → 5e-2, 0.005 → 5e-3
    const lead = frac.match(/^0*/)?.[0].length ?? 0;
    const significant = frac.slice(lead);
    const mantissa = significant.length > 1 ? `${significant[0]}.${significant.slice(1)}` : significant;
    return `${sign}${mantissa}e-${lead + 1}`;
  }
  return plain;
}

export function amountJson(minor: bigint, currency: string, style: AmountStyle): RawJson {
  return rawNumber(formatMinor(minor, exponentOf(currency), style));
}
