import { describe, expect, it } from 'vitest';
import { durationFromQuote, kazakhTexts, occurrences, readSeedSource, wordBoundaryMatcher } from '../../../test/support/seedSources';
import { serviceSchema } from '../catalogSchema';
import { seed000Services } from './seed000';

const original = readSeedSource('000');
const inSeed = wordBoundaryMatcher(original);

const service = (id: string) => {
  const found = seed000Services.find((s) => s.id === id);
  if (!found) throw new Error(`missing ${id}`);
  return serviceSchema.parse(found);
};

describe('seed 000 catalog data', () => {
  it('parses every service with serviceSchema', () => {
    expect(seed000Services.map((s) => s.id)).toEqual(['seed000.space-activity-license', 'seed000.space-objects-registration']);
    for (const s of seed000Services) expect(() => serviceSchema.parse(s)).not.toThrow();
  });

  it('the matcher can fail: text not in the seed and stems cut out of longer words are rejected', () => {
    expect(inSeed('лицензия беру')).toBe(true);
    expect(inSeed('б е р у')).toBe(true);
    expect(inSeed('құжаттар')).toBe(false); // only «құжаттардың» occurs
    expect(inSeed('мақта қолхаттарын')).toBe(false);
  });

  it.each(seed000Services.map((s) => [s.id, s] as const))('%s: every kk text and quote is verbatim in the Kazakh original', (_id, s) => {
    const texts = kazakhTexts(s);
    expect(texts.length).toBeGreaterThan(s.availability === 'available' ? 50 : 3);
    expect(texts.filter(([, text]) => !inSeed(text))).toEqual([]);
  });

  it('space-activity license: channels are the office and the two portals, no ЦОН', () => {
    const s = service('seed000.space-activity-license');
    expect(s.channels.map((c) => c.kind)).toEqual(['providerOffice', 'portal', 'eLicensingPortal']);
    expect(original).not.toMatch(/ХҚКО|халыққа қызмет көрсету орталы/u);
  });

  it('space-activity license: kinds, and no overall cap because the seed defers it to the Standard', () => {
    const s = service('seed000.space-activity-license');
    expect(s.kinds.map((k) => k.id)).toEqual(['issue', 'reissue', 'duplicate', 'annex']);
    for (const k of s.kinds) expect(k.resultCap).toBeNull();
    expect(inSeed('аталған мерзімде көрсетіледі')).toBe(true); // «Стандарттың 4-тармағында аталған мерзімде»
  });

  it('space-activity license: step durations in the seed’s units', () => {
    const steps = service('seed000.space-activity-license').kinds[0]!.steps;
    const d = (id: string) => {
      const step = steps.find((st) => st.id === id);
      return step?.duration ? { amount: step.duration.amount, unit: step.duration.unit } : null;
    };
    expect(d('office-registers')).toBeNull(); // «түскен күні»: on the day of receipt, no amount
    expect(d('management-resolution')).toEqual({ amount: 4, unit: 'workingHours' });
    expect(d('executor-completeness')).toEqual({ amount: 4, unit: 'workingHours' });
    expect(d('qualification-check')).toEqual({ amount: 4, unit: 'workingDays' });
    expect(d('positive-decision')).toEqual({ amount: 1, unit: 'calendarDays' });
    expect(d('motivated-refusal')).toEqual({ amount: 2, unit: 'workingDays' });
    expect(d('head-approves')).toEqual({ amount: 2, unit: 'workingDays' });
    expect(d('head-signs')).toEqual({ amount: 1, unit: 'calendarDays' });
  });

  it('space-activity license: every duration matches the number and unit written in its quote', () => {
    for (const kind of service('seed000.space-activity-license').kinds) {
      for (const step of kind.steps) {
        if (!step.duration) continue;
        const { amount, unit, source } = step.duration;
        expect(source.quote, step.id).toBeDefined();
        // «сағат» in the seed; counted as hours of working days, as the rest of the list counts days.
        expect(durationFromQuote(source.quote!), step.id).toEqual({ amount, unit: unit === 'workingHours' ? 'hours' : unit });
      }
    }
  });

  it('space-activity license: payment through ЭҮТШ or a scanned receipt', () => {
    const s = service('seed000.space-activity-license');
    expect(s.payment?.rule).toBe('gatewayRecordOrReceiptScan');
    expect(inSeed('ЭҮТШ) арқылы төленеді')).toBe(true);
    expect(inSeed('түбіртектің электронды (сканирленген) түрі бекітіледі')).toBe(true);
    expect(s.kinds[0]!.checklist.map((c) => c.kind)).toEqual(['application', 'informationForm', 'paymentReceipt', 'standardDocuments']);
  });

  it('space-objects registration: named only, its text is absent', () => {
    const s = service('seed000.space-objects-registration');
    expect(s.availability).toBe('textNotAvailable');
    expect(s.kinds).toEqual([]);
    expect(s.channels).toEqual([]);
    expect(s.payment?.rule).toBe('notStated');
    // The name occurs once, in the order's п. 1: no regulation text follows it in the file.
    expect(occurrences(original, s.name.kk)).toBe(1);
  });
});
