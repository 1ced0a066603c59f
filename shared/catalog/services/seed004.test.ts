import { describe, expect, it } from 'vitest';
import { kazakhTextsMissingFrom, readSeedSource, squashed } from '../../../test/support/seedSources';
import { serviceSchema } from '../catalogSchema';
import { seed004Services } from './seed004';

const raw = readSeedSource('004');
const norm = squashed;
const source = norm(raw);

/** Table 3 times: «30 сек – 1 минута» (mixed units, kept as 30–60 seconds), «30 сек», «1,5 мин». */
function parseTable3Times(line: string) {
  const num = (s: string) => Number(s.replace(',', '.'));
  return [...line.matchAll(/(\d+(?:,\d+)?)\s*сек\s*–\s*(\d+)\s*минута|(\d+(?:,\d+)?)\s*(сек|мин)/g)].map((m) =>
    m[1] !== undefined
      ? { amount: num(m[1]), maxAmount: num(m[2] ?? '') * 60, unit: 'seconds' }
      : { amount: num(m[3] ?? ''), maxAmount: undefined, unit: m[4] === 'сек' ? 'seconds' : 'minutes' },
  );
}
const table3Line = raw.split('\n').find((line) => line.startsWith('5 Орындалу мерзімі')) ?? '';

const service = seed004Services[0];
if (service === undefined) throw new Error('seed 004 has no service');
const kindById = (id: string) => service.kinds.find((k) => k.id === id);
const step = (kindId: string, stepId: string) => kindById(kindId)?.steps.find((s) => s.id === stepId);

describe('seed 004 catalog data', () => {
  it('is the one service the app already uses', () => {
    expect(seed004Services.map((s) => s.id)).toEqual(['seed004.monuments-works-license']);
  });

  it('parses with serviceSchema', () => {
    expect(() => serviceSchema.parse(service)).not.toThrow();
  });

  it('has every kk text verbatim in the Kazakh original', () => {
    const { checked, missing } = kazakhTextsMissingFrom(service, source);
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('offers issue (15 working days) and re-issue (10 working days) only', () => {
    expect(source).toContain(norm('15 - жұмыс күн, 10 - жұмыс күн'));
    expect(service.kinds.map((k) => k.id)).toEqual(['issue', 'reissue']);
    expect(kindById('issue')?.resultCap).toMatchObject({ amount: 15, unit: 'workingDays' });
    expect(kindById('reissue')?.resultCap).toMatchObject({ amount: 10, unit: 'workingDays' });
    // The pairing is our reading, and the data must say so.
    expect(kindById('issue')?.resultCap?.source.quote).toMatch(/Inferred pairing/);
    expect(source).not.toContain(norm('телнұсқа'));
  });

  it('has the Table 3 times on the ЦОН operator steps', () => {
    const cells = parseTable3Times(table3Line);
    expect(cells).toHaveLength(5);
    const ids = ['d3-login', 'd3-select-service', 'd3-send-to-databases', 'd3-data-unavailable', 'd3-fill-scan-sign'];
    for (const kind of ['issue', 'reissue']) {
      const timed = ids.map((id) => {
        const d = step(kind, id)?.duration;
        return d ? { amount: d.amount, maxAmount: d.maxAmount, unit: d.unit } : null;
      });
      expect(timed).toEqual(cells);
    }
    expect(step('issue', 'd3-login')?.actor.en).toBe('ЦОН operator');
    expect(step('issue', 'd3-select-service')?.duration).toMatchObject({ amount: 30, unit: 'seconds' });
    expect(step('issue', 'd3-handover')?.duration).toBeNull();
  });

  it('has the Table 2 times on the provider steps, with the per-kind result time', () => {
    expect(source).toContain(norm('5 Орындалу мерзiмi 10–15 сек 10 сек 1,5 мин 1,5 мин'));
    expect(step('issue', 'd2-login')?.duration).toMatchObject({ amount: 10, maxAmount: 15, unit: 'seconds' });
    expect(step('issue', 'd2-auth-refused')?.duration).toMatchObject({ amount: 10, unit: 'seconds' });
    expect(step('issue', 'd2-register')?.duration).toMatchObject({ amount: 1.5, unit: 'minutes' });
    expect(step('issue', 'd2-refusal')?.duration).toBeNull();
    expect(step('issue', 'd2-result')?.duration).toMatchObject({ amount: 15, unit: 'workingDays' });
    expect(step('reissue', 'd2-result')?.duration).toMatchObject({ amount: 10, unit: 'workingDays' });
  });

  it('lists the four channels of п. 1', () => {
    expect(service.channels.map((c) => c.kind)).toEqual(['providerOffice', 'serviceCentre', 'portal', 'eLicensingPortal']);
    expect(source).toContain(norm('халыққа қызмет көрсету орталықтары'));
    expect(source).toContain(norm('www.e.gov.kz'));
    expect(source).toContain(norm('www.elicense.kz'));
  });

  it('pays through the payment gateway (portal flow only)', () => {
    expect(service.payment?.rule).toBe('gatewayOnly');
    expect(service.payment?.source.paragraph).toMatch(/п\. 6\.6/);
    expect(source).toContain(norm('ЭҮТШ-те электрондық мемлекеттiк қызмет төлемақысын жасау'));
  });

  it('defers documents to para 11 of the Standard', () => {
    const docs = kindById('issue')?.checklist.find((c) => c.kind === 'standardDocuments');
    expect(docs?.note).toMatch(/para 11 of the Standard/);
    expect(service.legalBasis).toMatchObject({ number: '159', date: '2012-09-28', registration: { number: '8069', date: '2012-11-08' } });
  });

  it('the verbatim check can fail', () => {
    expect(source.includes(norm('лицензияның телнұсқаларын беру'))).toBe(false);
  });
});
