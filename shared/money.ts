/**
 * Money as integer minor units (cents, öre, fils …) with the currency's ISO 4217 exponent.
 *
 * Amounts arrive from Salt Edge as JSON numbers; the client keeps their exact text (lossless
 * JSON parsing) and converts the text here. No float arithmetic happens anywhere in this
 * module: decimal strings are handled digit by digit with BigInt.
 *
 * Used by the main process (import) and the renderer (display), so it must stay free of Node
 * and DOM APIs other than `Intl`.
 */

/**
 * ISO 4217 exponents where ICU/CLDR (what `Intl` reports) disagrees with ISO, or where the code
 * is not an ISO currency at all. Banks book in ISO units: CLDR's "0 digits" for IDR, HUF, COP,
 * PKR … is a display convention (cash rounding), but statements carry cents, and IQD has 3
 * digits in ISO while CLDR shows none. Without these overrides a real `-12.50 HUF` would be
 * rounded to `-13`.
 */
export const CURRENCY_EXPONENT_OVERRIDES: Readonly<Record<string, number>> = Object.freeze({
  AFN: 2,
  ALL: 2,
  COP: 2,
  HUF: 2,
  IDR: 2,
  IQD: 3,
  IRR: 2,
  KPW: 2,
  LAK: 2,
  LBP: 2,
  MGA: 2,
  MMK: 2,
  PKR: 2,
  RSD: 2,
  SLL: 2,
  SOS: 2,
  SYP: 2,
  TWD: 2,
  YER: 2,
  UYI: 0,
  CLF: 4,
  UYW: 4,
  // Not ISO 4217, but seen at aggregators: crypto balances.
  BTC: 8,
});

const CODE_RE = /^[A-Z]{3}$/;
const exponentCache = new Map<string, number>();

/**
 * Number of minor-unit digits of a currency (EUR → 2, JPY → 0, KWD → 3). Throws a RangeError
 * for a code that is not three letters. Unknown but well-formed codes get what `Intl` says
 * (2 for codes ICU does not know).
 */
export function currencyExponent(code: string): number {
  const c = code.trim().toUpperCase();
  if (!CODE_RE.test(c)) throw new RangeError(`Not a currency code: "${code.slice(0, 10)}"`);
  const override = CURRENCY_EXPONENT_OVERRIDES[c];
  if (override !== undefined) return override;
  let e = exponentCache.get(c);
  if (e === undefined) {
    e = new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits ?? 2;
    exponentCache.set(c, e);
  }
  return e;
}

/** True when `code` is a three-letter currency code (any case). */
export function isCurrencyCode(code: string): boolean {
  return CODE_RE.test(code.trim().toUpperCase());
}

// JSON number grammar, relaxed to also accept a leading '+', '.5' and '5.' (some servers emit them).
const DECIMAL_RE = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
/** Beyond this many digits of scale something is wrong (1e400 is not an amount). */
const MAX_SHIFT = 40;

export type RoundingMode = 'half-away-from-zero' | 'exact';

export interface DecimalToMinorOptions {
  /**
   * What to do when the text has more decimals than the exponent allows:
   * - `half-away-from-zero` (default): round; `0.005 EUR` → 1 cent, `-0.005` → -1 cent.
   *   Salt Edge amounts are floats, so such digits are normally float noise
   *   (`12.300000000000001`, `-0.10000000000000001`), for which rounding is exact; a genuine
   *   sub-cent amount is rounded the way a bank posts it.
   * - `exact`: throw a RangeError instead of rounding a non-zero extra digit.
   */
  rounding?: RoundingMode;
}

/**
 * Converts a decimal number's text (`"-12.5"`, `"1200.00"`, `"1e3"`, `"-1.5E-2"`) to integer
 * minor units for a currency with `exponent` digits. Result is a safe integer (never `-0`);
 * throws a RangeError for text that is not a number or a value beyond `Number.MAX_SAFE_INTEGER`
 * minor units.
 */
export function decimalToMinor(text: string, exponent: number, options: DecimalToMinorOptions = {}): number {
  const big = decimalToMinorBigInt(text, exponent, options);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount too large: ${shorten(text)}`);
  }
  return Number(big);
}

/** Same as {@link decimalToMinor} but without the safe-integer limit. */
export function decimalToMinorBigInt(text: string, exponent: number, options: DecimalToMinorOptions = {}): bigint {
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 18) throw new RangeError(`Bad currency exponent: ${exponent}`);
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) throw new RangeError(`Not a decimal number: "${shorten(text)}"`);
  const negative = m[1] === '-';
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? m[4] ?? '';
  const expPart = m[5];
  if (expPart !== undefined && expPart.replace(/^[+-]?0*/, '').length > 6) {
    // An absurd exponent: a tiny value rounds to zero, a huge one cannot be an amount.
    if (/^0*$/.test(intPart + fracPart) || expPart.startsWith('-')) return 0n;
    throw new RangeError(`Amount out of range: "${shorten(text)}"`);
  }
  const exp10 = expPart === undefined ? 0 : Number.parseInt(expPart, 10);
  let digits = (intPart + fracPart).replace(/^0+/, '');
  if (digits === '') return 0n;
  // value = digits × 10^(exp10 - fracPart.length); minor = value × 10^exponent
  const shift = exp10 - fracPart.length + exponent;
  let minor: bigint;
  if (shift >= 0) {
    if (shift + digits.length > MAX_SHIFT) throw new RangeError(`Amount out of range: "${shorten(text)}"`);
    minor = BigInt(digits + '0'.repeat(shift));
  } else {
    const drop = -shift;
    if (drop > digits.length) digits = '0'.repeat(drop - digits.length) + digits;
    const kept = digits.slice(0, digits.length - drop);
    const dropped = digits.slice(digits.length - drop);
    minor = BigInt(kept === '' ? '0' : kept);
    if (/[1-9]/.test(dropped)) {
      if (options.rounding === 'exact') {
        throw new RangeError(`"${shorten(text)}" has more than ${exponent} decimal${exponent === 1 ? '' : 's'}`);
      }
      if (dropped.charCodeAt(0) >= 53 /* '5' */) minor += 1n;
    }
  }
  return negative ? -minor : minor;
}

/**
 * Minor units back to a plain decimal string with exactly `exponent` decimals
 * (`-1250, 2` → `"-12.50"`, `5, 3` → `"0.005"`, `7, 0` → `"7"`). For display and export.
 */
export function minorToDecimal(minor: number | bigint, exponent: number): string {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) throw new RangeError(`Not an integer amount: ${minor}`);
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 18) throw new RangeError(`Bad currency exponent: ${exponent}`);
  const big = BigInt(minor);
  const negative = big < 0n;
  const abs = (negative ? -big : big).toString();
  if (exponent === 0) return (negative ? '-' : '') + abs;
  const padded = abs.padStart(exponent + 1, '0');
  const out = `${padded.slice(0, padded.length - exponent)}.${padded.slice(padded.length - exponent)}`;
  return (negative ? '-' : '') + out;
}

/** Adds amounts in minor units, throwing rather than losing precision. */
export function addMinor(...amounts: number[]): number {
  let sum = 0n;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`Not an integer amount: ${a}`);
    sum += BigInt(a);
  }
  if (sum > BigInt(Number.MAX_SAFE_INTEGER) || sum < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('Sum too large');
  return Number(sum);
}

const formatterCache = new Map<string, Intl.NumberFormat>();

/**
 * Formats minor units for people (`-1250, 'EUR', 'de-DE'` → `-12,50 €`). The value is handed to
 * `Intl` as an exact decimal string, so no float rounding can creep in.
 */
export function formatMoney(minor: number | bigint, currency: string, locale?: string): string {
  const code = currency.trim().toUpperCase();
  const exponent = currencyExponent(code);
  const key = `${locale ?? ''}|${code}`;
  let fmt = formatterCache.get(key);
  if (!fmt) {
    try {
      fmt = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: code,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
    } catch {
      fmt = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency: code,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
    }
    formatterCache.set(key, fmt);
  }
  // Intl.NumberFormat accepts exact decimal strings (ES2023 "Intl.NumberFormat v3").
  return fmt.format(minorToDecimal(minor, exponent) as `${number}`);
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * How far the app's books are from the bank: book − bank, in minor units (positive: the app
 * shows more than the bank reports). Null when the bank reported no balance. Every statement
 * and account check uses this one definition.
 */
export function differenceFromBank(book: number | null, bank: number | null): number | null {
  return bank === null || book === null ? null : book - bank;
}
