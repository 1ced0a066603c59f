import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binProblem, checkDigit, decodeIin, iinProblem, isValidIin, withCheckDigit } from './iin';

describe('IIN', () => {
  it('accepts a number whose check digit follows the first weight set', () => {
    const iin = withCheckDigit('90010130001');
    expect(iin).not.toBeNull();
    expect(isValidIin(iin!)).toBe(true);
  });

  it('uses the second weight set when the first gives 10', () => {
    // Find a prefix whose first pass is 10 and make sure the second pass decides.
    let prefix = '';
    for (let serial = 0; serial < 10000; serial++) {
      const candidate = `8505153${String(serial).padStart(4, '0')}`;
      const firstPass = [...candidate].reduce((s, d, i) => s + Number(d) * (i + 1), 0) % 11;
      if (firstPass === 10) { prefix = candidate; break; }
    }
    expect(prefix).not.toBe('');
    const digit = checkDigit(prefix);
    if (digit === null) return;
    expect(iinProblem(prefix + digit)).toBeNull();
    expect(iinProblem(prefix + ((digit + 1) % 10))).toBe('badChecksum');
  });

  it('names each problem', () => {
    expect(iinProblem('')).toBe('empty');
    expect(iinProblem('12345')).toBe('notTwelveDigits');
    expect(iinProblem('12345678901a')).toBe('notTwelveDigits');
    expect(iinProblem('901301300012')).toBe('badDate');
    expect(iinProblem('900230300012')).toBe('badDate');
    expect(iinProblem('900101700012')).toBe('badCentury');
    const good = withCheckDigit('90010130001')!;
    const bad = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    expect(iinProblem(bad)).toBe('badChecksum');
  });

  it('rejects single-digit typos in the serial part (weights 8-10, first pass decisive)', () => {
    const good = withCheckDigit('90010130001')!;
    const firstPass = (v: string) => [...v.slice(0, 11)].reduce((s, d, i) => s + Number(d) * (i + 1), 0) % 11;
    let checked = 0;
    for (let pos = 7; pos < 10; pos++) {
      for (let d = 0; d <= 9; d++) {
        const typo = good.slice(0, pos) + d + good.slice(pos + 1);
        if (String(d) === good[pos] || firstPass(typo) === 10) continue;
        expect(isValidIin(typo)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('BIN', () => {
  it('accepts a resident legal entity and rejects a wrong type digit', () => {
    const bin = withCheckDigit('12034000123')!;
    expect(binProblem(bin)).toBeNull();
    const wrongType = withCheckDigit('12037000123');
    if (wrongType) expect(binProblem(wrongType)).toBe('badBinType');
  });
});

describe('decodeIin', () => {
  it('reads birth date and sex from the first seven digits', () => {
    expect(decodeIin(withCheckDigit('85051530001')!)).toEqual({ birthDate: '1985-05-15', sex: 'male' });
    // 2002 was not a leap year: 29 Feb 2002 is no birth date, so no IIN.
    expect(withCheckDigit('02022960001') && decodeIin(withCheckDigit('02022960001')!)).toBeNull();
    expect(decodeIin(withCheckDigit('04022960001')!)).toEqual({ birthDate: '2004-02-29', sex: 'female' });
    expect(decodeIin('123')).toBeNull();
  });
});

const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const civilDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });

describe('IIN properties', () => {
  it('every well-formed birth date + century digit + serial completes to a valid IIN that decodes back', () => {
    fc.assert(
      fc.property(civilDate, fc.boolean(), digits(4), (date, male, serial) => {
        const year = date.getUTCFullYear();
        const century = year < 2000 ? (male ? 3 : 4) : male ? 5 : 6;
        const prefix = `${String(year % 100).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}${century}${serial}`;
        const iin = withCheckDigit(prefix);
        fc.pre(iin !== null);
        expect(isValidIin(iin!)).toBe(true);
        expect(decodeIin(iin!)).toEqual({ birthDate: date.toISOString().slice(0, 10), sex: male ? 'male' : 'female' });
      }),
    );
  });

  it('never throws and never accepts anything but 12 digits', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const problem = iinProblem(text);
        if (problem === null) expect(text.trim()).toMatch(/^\d{12}$/);
      }),
    );
  });

  it('changing the check digit of a valid IIN always makes it invalid', () => {
    fc.assert(
      fc.property(digits(11), fc.integer({ min: 1, max: 9 }), (first11, shift) => {
        const iin = withCheckDigit(first11);
        fc.pre(iin !== null && isValidIin(iin));
        const other = first11 + String((Number(iin![11]) + shift) % 10);
        expect(iinProblem(other)).toBe('badChecksum');
      }),
    );
  });
});

describe('BIN properties', () => {
  it('any registration month, entity type and serial completes to a valid BIN, and a changed check digit never is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('4', '5', '6'), digits(6), fc.integer({ min: 1, max: 9 }), (year, month, type, serial, shift) => {
        const bin = withCheckDigit(`${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}${type}${serial}`);
        fc.pre(bin !== null);
        expect(binProblem(bin!)).toBeNull();
        expect(binProblem(bin!.slice(0, 11) + String((Number(bin![11]) + shift) % 10))).toBe('badChecksum');
      }),
    );
  });
});
