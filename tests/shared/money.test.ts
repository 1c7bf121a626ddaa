import { describe, expect, it } from 'vitest';
import {
  addMinor,
  currencyExponent,
  decimalToMinor,
  decimalToMinorBigInt,
  formatMoney,
  isCurrencyCode,
  minorToDecimal,
} from '../../shared/money.js';

describe('currencyExponent', () => {
  it('uses Intl for ordinary currencies', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('usd')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('BHD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
  });
  it('overrides ICU where it disagrees with ISO 4217', () => {
    for (const c of ['HUF', 'IDR', 'COP', 'PKR', 'RSD', 'TWD', 'LBP']) expect(currencyExponent(c)).toBe(2);
    expect(currencyExponent('IQD')).toBe(3);
    expect(currencyExponent('BTC')).toBe(8);
  });
  it('rejects malformed codes', () => {
    expect(() => currencyExponent('EURO')).toThrow(RangeError);
    expect(() => currencyExponent('')).toThrow(RangeError);
    expect(() => currencyExponent('€')).toThrow(RangeError);
    expect(isCurrencyCode('gbp')).toBe(true);
    expect(isCurrencyCode('G1P')).toBe(false);
  });
});

describe('decimalToMinor', () => {
  const cases: [string, number, number][] = [
    ['0', 2, 0],
    ['-12.5', 2, -1250],
    ['1200.00', 2, 120000],
    ['1200', 0, 1200],
    ['1e3', 2, 100000],
    ['1E3', 0, 1000],
    ['-1.5E-2', 2, -2], // -0.015 → half away from zero
    ['1.5e-2', 2, 2],
    ['1.4999e-2', 2, 1],
    ['2.5e+1', 2, 2500],
    ['0.1', 3, 100],
    ['12.300000000000001', 2, 1230], // float noise
    ['-0.10000000000000001', 2, -10],
    ['0.005', 2, 1],
    ['-0.005', 2, -1],
    ['0.0049', 2, 0],
    ['-0.001', 2, 0],
    ['123.456', 3, 123456],
    ['99.995', 2, 10000],
    ['-99.994', 2, -9999],
    ['007.10', 2, 710],
    ['+5', 2, 500],
    ['.5', 2, 50],
    ['5.', 2, 500],
    ['1234567890123.45', 2, 123456789012345],
    ['0e10', 2, 0],
    ['0.00000001', 8, 1],
  ];
  it.each(cases)('%s with exponent %i → %i', (text, exp, minor) => {
    const v = decimalToMinor(text, exp);
    expect(v).toBe(minor);
    expect(Object.is(v, -0)).toBe(false);
  });
  it('rejects non-numbers', () => {
    for (const bad of ['', 'abc', '1,5', '1.2.3', '--1', 'NaN', 'Infinity', '1e', '0x10', ' 1 2 ']) {
      expect(() => decimalToMinor(bad, 2), bad).toThrow(RangeError);
    }
  });
  it('rejects values beyond safe integers and absurd exponents', () => {
    expect(() => decimalToMinor('1e20', 2)).toThrow(RangeError);
    expect(() => decimalToMinor('1e999999999', 2)).toThrow(RangeError);
    expect(decimalToMinor('1e-999999999', 2)).toBe(0);
    expect(decimalToMinorBigInt('123456789012345678901.23', 2)).toBe(12345678901234567890123n);
  });
  it('exact mode refuses to round real digits', () => {
    expect(() => decimalToMinor('0.005', 2, { rounding: 'exact' })).toThrow(/more than 2 decimals/);
    expect(decimalToMinor('1.2300', 2, { rounding: 'exact' })).toBe(123);
  });
});

describe('minorToDecimal / addMinor / formatMoney', () => {
  it('formats exact decimals', () => {
    expect(minorToDecimal(-1250, 2)).toBe('-12.50');
    expect(minorToDecimal(5, 3)).toBe('0.005');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(7, 0)).toBe('7');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(123456789012345n, 2)).toBe('1234567890123.45');
    expect(() => minorToDecimal(1.5, 2)).toThrow(RangeError);
  });
  it('round-trips', () => {
    for (const t of ['-12.50', '0.01', '1234567.89', '0.00']) expect(minorToDecimal(decimalToMinor(t, 2), 2)).toBe(t);
  });
  it('adds without floats', () => {
    expect(addMinor(10, 20, -5)).toBe(25);
    expect(() => addMinor(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
  });
  it('formats money for people with the currency exponent', () => {
    expect(formatMoney(-1250, 'EUR', 'en-US')).toBe('-€12.50');
    expect(formatMoney(1250, 'JPY', 'en-US')).toBe('¥1,250');
    expect(formatMoney(1234, 'KWD', 'en-US')).toMatch(/1\.234/);
    expect(formatMoney(1250, 'HUF', 'en-US')).toMatch(/12\.50/);
    expect(formatMoney(-1250, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('-12,50 €');
    // Beyond float precision digits stay exact
    expect(formatMoney(900719925474099, 'EUR', 'en-US')).toBe('€9,007,199,254,740.99');
  });
});
