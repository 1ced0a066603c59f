/**
 * IIN (individual identification number) and BIN (business identification number) checks.
 * Both are 12 digits whose last digit is a mod-11 checksum with a second weight set when the
 * first pass gives 10 (the national numbering rules; see ../shared/research/eds.md §3.1).
 */

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

export type IdNumberProblem = 'empty' | 'notTwelveDigits' | 'badDate' | 'badCentury' | 'badChecksum' | 'badBinType';

/** Check digit for the first 11 digits, or null when no valid check digit exists. */
export function checkDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const weighted = (weights: readonly number[]) =>
    digits.reduce((sum, digit, i) => sum + digit * (weights[i] ?? 0), 0) % 11;
  const first = weighted(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

function shapeProblem(value: string): IdNumberProblem | null {
  if (value.length === 0) return 'empty';
  if (!/^\d{12}$/.test(value)) return 'notTwelveDigits';
  return null;
}

function checksumProblem(value: string): IdNumberProblem | null {
  const expected = checkDigit(value.slice(0, 11));
  return expected !== null && expected === Number(value[11]) ? null : 'badChecksum';
}

/** Year of birth from the century digit (odd = male, even = female; 1-2 → 1800s, 3-4 → 1900s, 5-6 → 2000s). */
function centuryOf(centuryDigit: number): number | null {
  if (centuryDigit < 1 || centuryDigit > 6) return null;
  return 1800 + Math.floor((centuryDigit - 1) / 2) * 100;
}

export function iinProblem(raw: string): IdNumberProblem | null {
  const value = raw.trim();
  const shape = shapeProblem(value);
  if (shape) return shape;
  const century = centuryOf(Number(value[6]));
  if (century === null) return 'badCentury';
  const year = century + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'badDate';
  return checksumProblem(value);
}

/** BIN: YYMM of registration, then the entity-type digit (4 resident legal entity, 5 non-resident, 6 individual entrepreneur in joint venture). */
export function binProblem(raw: string): IdNumberProblem | null {
  const value = raw.trim();
  const shape = shapeProblem(value);
  if (shape) return shape;
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) return 'badDate';
  if (!['4', '5', '6'].includes(value[4] ?? '')) return 'badBinType';
  return checksumProblem(value);
}

export const isValidIin = (value: string): boolean => iinProblem(value) === null;

export interface IinFacts {
  birthDate: string;
  sex: 'male' | 'female';
}

/** What a valid IIN says about its holder, to cross-check what the operator typed; null for an invalid IIN. */
export function decodeIin(raw: string): IinFacts | null {
  const value = raw.trim();
  if (iinProblem(value) !== null) return null;
  const centuryDigit = Number(value[6]);
  const year = centuryOf(centuryDigit)! + Number(value.slice(0, 2));
  return { birthDate: `${year}-${value.slice(2, 4)}-${value.slice(4, 6)}`, sex: centuryDigit % 2 === 1 ? 'male' : 'female' };
}
export const isValidBin = (value: string): boolean => binProblem(value) === null;

/** Completes 11 digits with their check digit; used by the test PKI and sandbox registries. */
export function withCheckDigit(first11: string): string | null {
  const digit = checkDigit(first11);
  return digit === null ? null : first11 + String(digit);
}
