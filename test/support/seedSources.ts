/**
 * The Kazakh originals of the regulations (shared/catalog/sources/) for the catalog tests, and the two ways the
 * tests compare catalog text with them. Test-only: reads files with Node.
 */
import { readdirSync, readFileSync } from 'node:fs';

const sourcesDir = new URL('../../shared/catalog/sources/', import.meta.url);

export function readSeedSource(seedNumber: '000' | '001' | '002' | '003' | '004'): string {
  const fileName = readdirSync(sourcesDir).find((name) => name.startsWith(`${seedNumber}_`));
  if (fileName === undefined) throw new Error(`seed ${seedNumber} text not found`);
  return readFileSync(new URL(fileName, sourcesDir), 'utf8');
}

/**
 * The extraction's normalisation, applied to seed and needle alike: the seed spaces some words out letter by
 * letter («б е р у :») and writes some і as Latin i («үшiн»), so single-character tokens joined by one space are
 * glued back, Latin i becomes Cyrillic і, and runs of whitespace become one space.
 */
function normaliseSpaced(text: string): string {
  const parts = text.normalize('NFC').replace(/i/g, 'і').split(/(\s+)/);
  let out = '';
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i] ?? '';
    const next = parts[i + 2];
    out += word;
    if (next === undefined) break;
    out += parts[i + 1] === ' ' && [...word].length === 1 && [...next].length === 1 ? '' : ' ';
  }
  return out.trim();
}

/** How often `needle` occurs in the seed, after the same normalisation. */
export function occurrences(original: string, needle: string): number {
  return normaliseSpaced(original).split(normaliseSpaced(needle)).length - 1;
}

/** Verbatim and on word boundaries, so a stem cut out of a longer word ("құжаттар" in "құжаттардың") fails. */
export function wordBoundaryMatcher(original: string): (needle: string) => boolean {
  const haystack = normaliseSpaced(original);
  return (needle) => {
    const n = normaliseSpaced(needle);
    for (let at = haystack.indexOf(n); at >= 0; at = haystack.indexOf(n, at + 1)) {
      const before = haystack[at - 1] ?? ' ';
      const after = haystack[at + n.length] ?? ' ';
      if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) return true;
    }
    return false;
  };
}

/**
 * The looser comparison for seeds that break lines mid-phrase: all whitespace dropped, Latin i → і, case ignored
 * (names are sentence-cased where the source phrase sits mid-sentence).
 */
export const squashed = (text: string) => text.normalize('NFC').toLowerCase().replace(/i/g, 'і').replace(/\s+/g, '');

/** Every kk string and every quote in a value, with where it sits. */
export function kazakhTexts(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => kazakhTexts(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]): [string, string][] =>
    (key === 'kk' || key === 'quote') && typeof v === 'string' ? [[`${path}.${key}`, v]] : kazakhTexts(v, `${path}.${key}`),
  );
}

/** Every {kk, ru, en} object anywhere in a value: names, actors, actions, checklist items, outcomes. */
export function localizedKazakh(value: unknown, path = '$'): Array<{ path: string; kk: string }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => localizedKazakh(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = typeof record.kk === 'string' && typeof record.en === 'string' ? [{ path, kk: record.kk }] : [];
  return [...own, ...Object.entries(record).flatMap(([key, child]) => localizedKazakh(child, `${path}.${key}`))];
}

const numberWords: Record<string, number> = { бір: 1, екі: 2, үш: 3, төрт: 4, бес: 5 };

/** Reads amount and unit back out of a duration's quote, in the seed's own words. */
export function durationFromQuote(quote: string): { amount: number; unit: string } {
  const digits = /\d+/.exec(quote);
  const word = Object.keys(numberWords).find((w) => new RegExp(`(^|\\s)${w}(\\s|$)`, 'u').test(quote));
  const amount = digits ? Number(digits[0]) : word ? numberWords[word]! : NaN;
  const unit = /жұмыс күн/u.test(quote) ? 'workingDays' : /сағат/u.test(quote) ? 'hours' : /минут/u.test(quote) ? 'minutes' : /күн/u.test(quote) ? 'calendarDays' : '?';
  return { amount, unit };
}

/** The kk texts of a value that the (squashed) seed does not contain; at least `min` texts must be there to check. */
export function kazakhTextsMissingFrom(value: unknown, squashedSource: string): { checked: number; missing: string[] } {
  const texts = localizedKazakh(value);
  return { checked: texts.length, missing: texts.filter(({ kk }) => !squashedSource.includes(squashed(kk))).map(({ path }) => path) };
}
