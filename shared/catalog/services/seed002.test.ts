import { describe, expect, it } from 'vitest';
import { durationFromQuote, kazakhTexts, readSeedSource, wordBoundaryMatcher } from '../../../test/support/seedSources';
import { serviceSchema } from '../catalogSchema';
import { seed002Services } from './seed002';

const original = readSeedSource('002');
const inSeed = wordBoundaryMatcher(original);

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
