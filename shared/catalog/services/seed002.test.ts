// Tests may use Node (they never ship); shared/'s lint rule is meant for runtime code, hence the one exception.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceSchema } from '../catalogSchema';
import { seed002Services } from './seed002';

const original = readFileSync(new URL('../sources/002_83683e9406adde34.txt', import.meta.url), 'utf8');

/**
 * The extraction's normalisation, applied to seed and needle alike: the seed spaces some words out letter by
 * letter («д ә л е л д і  б а с  т а р т у .») and writes a few і as Latin i («мемлекеттiк», «әрi»), so single-character tokens joined by one space
 * are glued back, Latin i becomes Cyrillic і, and runs of whitespace become one space.
 */
function normalise(text: string): string {
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

const haystack = normalise(original);

/** Verbatim and on word boundaries, so a stem cut out of a longer word ("құжаттар" in "құжаттардың") fails. */
function inSeed(needle: string): boolean {
  const n = normalise(needle);
  for (let at = haystack.indexOf(n); at >= 0; at = haystack.indexOf(n, at + 1)) {
    const before = haystack[at - 1] ?? ' ';
    const after = haystack[at + n.length] ?? ' ';
    if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) return true;
  }
  return false;
}

/** Every kk string and every quote in a service, with where it sits. */
function kazakhTexts(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => kazakhTexts(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]): [string, string][] =>
    (key === 'kk' || key === 'quote') && typeof v === 'string' ? [[`${path}.${key}`, v]] : kazakhTexts(v, `${path}.${key}`),
  );
}

const numberWords: Record<string, number> = { бір: 1, екі: 2, үш: 3, төрт: 4, бес: 5 };

/** Reads amount and unit back out of a duration's quote, in the seed's own words. */
function durationFromQuote(quote: string): { amount: number; unit: string } {
  const digits = /\d+/.exec(quote);
  const word = Object.keys(numberWords).find((w) => new RegExp(`(^|\\s)${w}(\\s|$)`, 'u').test(quote));
  const amount = digits ? Number(digits[0]) : word ? numberWords[word]! : NaN;
  const unit = /жұмыс күн/u.test(quote) ? 'workingDays' : /сағат/u.test(quote) ? 'hours' : /минут/u.test(quote) ? 'minutes' : /күн/u.test(quote) ? 'calendarDays' : '?';
  return { amount, unit };
}

const service = (id: string) => {
  const found = seed002Services.find((s) => s.id === id);
  if (!found) throw new Error(`missing ${id}`);
  return serviceSchema.parse(found);
};

const cotton = () => service('seed002.cotton-warehouse-license');

describe('seed 002 catalog data', () => {
  it('parses every service with serviceSchema', () => {
    expect(seed002Services.map((s) => s.id)).toEqual(['seed002.cotton-warehouse-license']);
    for (const s of seed002Services) expect(() => serviceSchema.parse(s)).not.toThrow();
  });

  it('the matcher can fail: text not in the seed and stems cut out of longer words are rejected', () => {
    expect(inSeed('дәлелді бас тарту')).toBe(true); // letter-spaced in the seed
    expect(inSeed('құжаттар тізімі')).toBe(true);
    expect(inSeed('ғарыш кеңістігін')).toBe(false);
    expect(inSeed('лицензияның телнұсқа')).toBe(false); // only inflected forms occur
  });

  it('every kk text and quote is verbatim in the Kazakh original', () => {
    const texts = kazakhTexts(cotton());
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.filter(([, text]) => !inSeed(text))).toEqual([]);
  });

  it('channels are the provider, egov.kz and elicense.kz, no ЦОН', () => {
    expect(cotton().channels.map((c) => c.kind)).toEqual(['providerOffice', 'portal', 'eLicensingPortal']);
    expect(original).not.toMatch(/ХҚКО|халыққа қызмет көрсету орталы/u);
  });

  it('kinds, and no overall cap because the seed states none', () => {
    const s = cotton();
    expect(s.kinds.map((k) => k.id)).toEqual(['issue', 'reissue', 'duplicate', 'annex']);
    for (const k of s.kinds) expect(k.resultCap).toBeNull();
  });

  it('step durations in the seed’s units', () => {
    const steps = cotton().kinds[0]!.steps;
    const d = (id: string) => {
      const step = steps.find((st) => st.id === id);
      return step?.duration ? { amount: step.duration.amount, unit: step.duration.unit } : null;
    };
    expect(d('office-registers')).toEqual({ amount: 30, unit: 'minutes' });
    expect(d('head-forwards')).toEqual({ amount: 30, unit: 'minutes' });
    expect(d('initial-check')).toEqual({ amount: 1, unit: 'workingDays' });
    expect(d('qualification-check')).toEqual({ amount: 2, unit: 'workingDays' });
    expect(d('other-bodies-conclude')).toEqual({ amount: 2, unit: 'workingDays' });
    expect(d('head-signs-decision')).toEqual({ amount: 1, unit: 'workingDays' });
    expect(d('reasoned-refusal')).toBeNull(); // the seed gives the refusal path no duration
  });

  it('every duration matches the number and unit written in its quote', () => {
    for (const kind of cotton().kinds) {
      for (const step of kind.steps) {
        if (!step.duration) continue;
        const { amount, unit, source } = step.duration;
        expect(source.quote, step.id).toBeDefined();
        expect(durationFromQuote(source.quote!), step.id).toEqual({ amount, unit });
      }
    }
  });

  it('a duplicate skips procedures 4, 5, 6, 7', () => {
    const duplicate = cotton().kinds.find((k) => k.id === 'duplicate')!;
    expect(inSeed('Лицензияның телнұсқасын берген кезде 4, 5, 6, 7-рәсімдер қолданылмайды')).toBe(true);
    expect(duplicate.steps.map((st) => st.id)).toEqual(['office-registers', 'head-forwards', 'department-head-assigns', 'specialist-formalises', 'paper-dispatch']);
  });

  it('payment goes through the e-government payment gateway, with no scanned-receipt alternative in this seed', () => {
    const payment = cotton().payment;
    expect(payment?.rule).toBe('gatewayOnly');
    expect(inSeed('«электрондық үкіметтің» төлем шлюзі арқылы қызметке ақы төлеу')).toBe(true);
    // The schema has no gateway-only rule, so the note must carry it, and the seed must indeed lack a receipt.
    expect(payment?.note).toMatch(/NO scanned-receipt alternative/);
    expect(original).not.toMatch(/түбіртек|сканирленген/u);
    expect(cotton().kinds[0]!.checklist.map((c) => c.kind)).toEqual(['application', 'standardDocuments']);
  });
});
