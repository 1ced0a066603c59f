import { describe, expect, it } from 'vitest';
import { binProblem, checkDigit, iinProblem, isValidIin, withCheckDigit } from './iin';

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
