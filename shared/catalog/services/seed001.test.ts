import { describe, expect, it } from 'vitest';
import { kazakhTextsMissingFrom, readSeedSource, squashed } from '../../../test/support/seedSources';
import { serviceSchema } from '../catalogSchema';
import { seed001Services } from './seed001';

const raw = readSeedSource('001');
const norm = squashed;
const source = norm(raw);

/** Table 2 "Орындалу мерзімдері" cells, e.g. «10-15 сек», «1,5 мин». */
function parseTimes(line: string) {
  return [...line.matchAll(/(\d+(?:,\d+)?)(?:\s*-\s*(\d+(?:,\d+)?))?\s*(сек|мин)/g)].map((m) => {
    const num = (s: string) => Number(s.replace(',', '.'));
    const cell: { amount: number; maxAmount?: number; unit: string } = { amount: num(m[1] ?? ''), unit: m[3] === 'сек' ? 'seconds' : 'minutes' };
    if (m[2] !== undefined) cell.maxAmount = num(m[2]);
    return cell;
  });
}
// Each appendix has Table 1 (portal, 7 cells) then Table 2 (provider, 6 cells).
const table2Rows = raw
  .split('\n')
  .filter((line) => line.startsWith('Орындалу мерзімдері'))
  .map(parseTimes)
  .filter((cells) => cells.length === 6);

const appendixOf = (id: string) => seed001Services.findIndex((s) => s.id === id) + 1;

describe('seed 001 catalog data', () => {
  it('has the six services, one per order appendix', () => {
    expect(seed001Services.map((s) => s.id)).toEqual([
      'seed001.mining-chemical-production-license',
      'seed001.poisons-license',
      'seed001.arms-military-equipment-license',
      'seed001.explosives-pyrotechnics-license',
      'seed001.ammunition-disposal-license',
      'seed001.export-import-license',
    ]);
    expect(table2Rows).toHaveLength(6);
  });

  describe.each(seed001Services.map((s) => [s.id, s] as const))('%s', (id, service) => {
    it('parses with serviceSchema', () => {
      expect(() => serviceSchema.parse(service)).not.toThrow();
    });

    it('has every kk text verbatim in the Kazakh original', () => {
      const { checked, missing } = kazakhTextsMissingFrom(service, source);
      expect(checked).toBeGreaterThan(20);
      expect(missing).toEqual([]);
    });

    it('offers issue, re-issue and duplicate, with no deadline because the seed states none', () => {
      expect(service.kinds.map((k) => k.id)).toEqual(['issue', 'reissue', 'duplicate']);
      for (const kind of service.kinds) expect(kind.resultCap).toBeNull();
      // If a working-day or hour limit ever appeared in the seed, resultCap null would be wrong.
      expect(source).not.toMatch(/жұмыскүн|сағат/);
    });

    it('has the Table 2 times of its own appendix on the Diagram 2 steps', () => {
      const row = table2Rows[appendixOf(id) - 1];
      const steps = service.kinds[0]?.steps ?? [];
      const timed = steps.slice(0, 6).map((s) => (s.duration ? { amount: s.duration.amount, maxAmount: s.duration.maxAmount, unit: s.duration.unit } : null));
      expect(timed).toEqual(row?.map((c) => ({ maxAmount: undefined, ...c })));
      const byId = (stepId: string) => steps.find((s) => s.id === stepId)?.duration;
      expect(byId('d2-login')).toMatchObject({ amount: 10, maxAmount: 15, unit: 'seconds' });
      expect(byId('d2-auth-refused')).toMatchObject({ amount: 10, unit: 'seconds' });
      expect(byId('d2-select-service')).toMatchObject({ amount: 1.5, unit: 'minutes' });
      expect(byId('d2-register')).toBeNull();
    });

    it('lists the channels п. 1 and п. 7 give, and no ЦОН', () => {
      expect(service.channels.map((c) => c.kind)).toEqual(['providerOffice', 'portal', 'eLicensingPortal']);
      expect(source).toContain(norm('www.e.gov.kz'));
      expect(source).toContain(norm('www.elicense.kz'));
      expect(source).not.toMatch(/хқко|цон|халыққақызметкөрсетуорталығ/);
    });

    it('pays through the payment gateway only (п. 6.6–6.8): no receipt alternative', () => {
      expect(service.payment?.rule).toBe('gatewayOnly');
      expect(source).toContain(norm(service.payment!.source.quote!));
      expect(service.payment?.source.paragraph).toMatch(/п\. 6\.6/);
      expect(source).toContain(norm('қызметтерді ЭҮТШ-та төлеу'));
    });

    it('names the provider of п. 1', () => {
      expect(service.provider?.en).toMatch(/Industry Committee/);
      expect(service.legalBasis).toMatchObject({ number: '364', date: '2012-10-05', registration: { number: '8077', date: '2012-11-12' } });
    });
  });

  it('uses the duplicate wording of each title', () => {
    const duplicate = (id: string) => seed001Services.find((s) => s.id === id)?.kinds.find((k) => k.id === 'duplicate')?.name.kk;
    expect(duplicate('seed001.export-import-license')).toBe('лицензия телнұсқаларын беру');
    expect(duplicate('seed001.poisons-license')).toBe('лицензияның телнұсқаларын беру');
  });

  it('the verbatim check can fail', () => {
    expect(source.includes(norm('Уларды өндіру жөніндегі лицензия'))).toBe(false);
  });
});
