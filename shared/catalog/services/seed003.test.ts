import { describe, expect, it } from 'vitest';
// Node only in the test, to read the seed; the data file stays platform-free.
import { readFileSync, readdirSync } from 'node:fs';
import { serviceSchema } from '../catalogSchema';
import type { Service } from '../catalogSchema';
import { seed003Services } from './seed003';

const seedsDir = new URL('../sources/', import.meta.url);
const fileName = readdirSync(seedsDir).find((name) => name.startsWith('003_'));
if (fileName === undefined) throw new Error('seed 003 not found');
const raw = readFileSync(new URL(fileName, seedsDir), 'utf8');

/**
 * Normalisation (applied to the seed and to our strings alike): NFC; every whitespace run (line breaks, page
 * gaps, NBSP) becomes one space; the space the line breaks leave after "(" and before ")" "," ";" "." is dropped
 * (the source breaks "(\nтехнологиялық)" and "пайдалануға\n, магистральдық"). Case and letters are kept, so a
 * changed letter, a word from the wrong annex or a "restored" word order fails.
 */
const norm = (text: string) =>
  text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ ([),;.])/g, '$1')
    .trim();

const text = norm(raw);

// Annex boundaries: each regulation starts at its "№ 33 бұйрығына N-қосымша" header.
const annexStarts = [1, 2, 3, 4].map((n) => text.indexOf(norm(`№ 33 бұйрығына ${n}-қосымша`)));
const header = text.slice(0, annexStarts[0]);
const annexText = (n: number) => text.slice(annexStarts[n - 1] ?? Infinity, n < 4 ? annexStarts[n] : undefined);

const parsed = seed003Services.map((service) => serviceSchema.parse(service));
const byId = (id: string): Service => {
  const service = parsed.find((s) => s.id === id);
  if (service === undefined) throw new Error(`missing ${id}`);
  return service;
};
const annexNumbers: Record<string, number> = {
  'seed003.raw-gas-flaring-permit': 1,
  'seed003.offshore-objects-permit': 2,
  'seed003.hydrocarbon-license': 3,
  'seed003.gas-network-accreditation': 4,
};
const annexOf = (serviceId: string): number => {
  const n = annexNumbers[serviceId];
  if (n === undefined) throw new Error(`no annex for ${serviceId}`);
  return n;
};

const kind = (service: Service, id: string) => {
  const found = service.kinds.find((k) => k.id === id);
  if (found === undefined) throw new Error(`${service.id} has no kind ${id}`);
  return found;
};
const stepDuration = (service: Service, kindId: string, stepId: string) => {
  const found = kind(service, kindId).steps.find((s) => s.id === stepId);
  if (found === undefined) throw new Error(`${service.id}/${kindId} has no step ${stepId}`);
  return found.duration === null ? null : { amount: found.duration.amount, maxAmount: found.duration.maxAmount, unit: found.duration.unit };
};
const cap = (service: Service, kindId: string) => {
  const c = kind(service, kindId).resultCap;
  return c === null ? null : { amount: c.amount, maxAmount: c.maxAmount, unit: c.unit };
};

/** Every kk text inside a service except legalBasis (which lives in the order's header), with where it sits. */
function annexKk(service: Service): [string, string][] {
  const out: [string, string][] = [['provider', service.provider?.kk ?? '']];
  for (const k of service.kinds) {
    out.push([`kind ${k.id}`, k.name.kk]);
    for (const g of k.grounds) out.push([`ground ${g.id}`, g.name.kk]);
    for (const s of k.steps) out.push([`step ${s.id} actor`, s.actor.kk], [`step ${s.id} action`, s.action.kk]);
    for (const c of k.checklist) out.push([`checklist ${c.id}`, c.name.kk]);
  }
  for (const o of [...service.results, ...service.refusals]) out.push([`outcome ${o.id}`, o.name.kk]);
  return out;
}

/** Every source quote inside a service except legalBasis. */
function annexQuotes(service: Service): [string, string][] {
  const out: [string, string | undefined][] = [['service', service.source.quote]];
  for (const c of service.channels) out.push([`channel ${c.kind}`, c.source.quote]);
  if (service.payment) out.push(['payment', service.payment.source.quote]);
  for (const k of service.kinds) {
    out.push([`kind ${k.id}`, k.source.quote], [`kind ${k.id} cap`, k.resultCap?.source.quote]);
    for (const g of k.grounds) out.push([`ground ${g.id}`, g.source.quote]);
    for (const s of k.steps) out.push([`step ${s.id}`, s.source.quote], [`step ${s.id} duration`, s.duration?.source.quote]);
    for (const c of k.checklist) out.push([`checklist ${c.id}`, c.source.quote]);
  }
  for (const o of [...service.results, ...service.refusals]) out.push([`outcome ${o.id}`, o.source.quote]);
  return out.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

describe('seed 003 catalog data', () => {
  it('finds the four annexes in order', () => {
    expect(annexStarts.every((i, n) => i > 0 && (n === 0 || i > (annexStarts[n - 1] ?? Infinity)))).toBe(true);
  });

  it('has the four services, each parsing with serviceSchema', () => {
    expect(parsed.map((s) => s.id)).toEqual([
      'seed003.raw-gas-flaring-permit',
      'seed003.offshore-objects-permit',
      'seed003.hydrocarbon-license',
      'seed003.gas-network-accreditation',
    ]);
    for (const s of parsed) expect(s.source.seed).toBe('seed-003');
  });

  it('names each service verbatim from its own annex', () => {
    for (const s of parsed) {
      expect(annexText(annexOf(s.id)), s.id).toContain(norm(`"${s.name.kk}" мемлекеттік`));
      expect(s.name.ruVerbatim).toBeUndefined(); // the seed is Kazakh only
    }
  });

  it('keeps every other kk text verbatim within the service\'s annex', () => {
    for (const s of parsed) {
      const annex = annexText(annexOf(s.id));
      for (const [where, kk] of annexKk(s)) expect(annex, `${s.id} ${where}: ${kk}`).toContain(norm(kk));
    }
  });

  it('keeps every source quote verbatim within the service\'s annex, and the legal basis within the header', () => {
    for (const s of parsed) {
      const annex = annexText(annexOf(s.id));
      for (const [where, quote] of annexQuotes(s)) expect(annex, `${s.id} ${where}: ${quote}`).toContain(norm(quote));
      expect(header).toContain(norm(s.legalBasis.act.kk));
      expect(header).toContain(norm(s.legalBasis.source.quote ?? '∅'));
    }
  });

  it('records Order 33 (registered 18274 on 7.02.2019, repealed by Order 139) as the legal basis', () => {
    for (const s of parsed) {
      expect(s.legalBasis).toMatchObject({ number: '33', date: '2019-02-01', registration: { number: '18274', date: '2019-02-07' } });
      expect(s.legalBasis.repealedBy).toMatch(/No\. 139 .*10 April 2020/);
      expect(header).toContain('2019 жылғы 7 ақпанда № 18274 болып тіркелді');
      expect(header).toContain('2020 жылғы 10 сәуірдегі № 139 бұйрығымен');
    }
  });

  it('lists exactly the portal channels the seed states: no office, no ЦОН (the license also names a paper application)', () => {
    for (const s of parsed) {
      expect(s.channels.map((c) => c.kind)).toEqual(s.id === 'seed003.hydrocarbon-license' ? ['portal', 'eLicensingPortal', 'paper'] : ['portal', 'eLicensingPortal']);
      expect(annexText(annexOf(s.id))).toContain('www.egov.kz, www.elіcense.kz'); // Cyrillic і as in the source
    }
    // The seed never mentions ЦОН / ХҚКО / the State Corporation.
    expect(text).not.toMatch(/ХҚКО|ЦОН|корпорац/i);
  });

  it('has the payment rule per service: gateway or receipt only for the license', () => {
    expect(byId('seed003.raw-gas-flaring-permit').payment?.rule).toBe('notStated');
    expect(byId('seed003.offshore-objects-permit').payment?.rule).toBe('notStated');
    expect(byId('seed003.gas-network-accreditation').payment?.rule).toBe('notStated');
    expect(byId('seed003.hydrocarbon-license').payment?.rule).toBe('gatewayRecordOrReceiptScan');
    for (const n of [1, 2, 4]) expect(annexText(n)).not.toMatch(/төлем|түбіртек/);
    expect(annexText(3)).toContain('төлем шлюзі');
  });

  it('caps each kind as the seed states', () => {
    const wd = (amount: number, maxAmount?: number) => ({ amount, maxAmount, unit: 'workingDays' });
    const flaring = byId('seed003.raw-gas-flaring-permit');
    const offshore = byId('seed003.offshore-objects-permit');
    const license = byId('seed003.hydrocarbon-license');
    const accreditation = byId('seed003.gas-network-accreditation');
    expect(flaring.kinds.map((k) => k.id)).toEqual(['permit']);
    expect(offshore.kinds.map((k) => k.id)).toEqual(['permit']);
    expect(license.kinds.map((k) => k.id)).toEqual(['issue', 'reissue']);
    expect(accreditation.kinds.map((k) => k.id)).toEqual(['issue', 'reissue']);
    expect(cap(flaring, 'permit')).toEqual(wd(8));
    expect(cap(offshore, 'permit')).toEqual(wd(13));
    expect(cap(license, 'issue')).toEqual(wd(15));
    expect(cap(license, 'reissue')).toEqual(wd(3)); // the five simple grounds
    const spinOff = license.kinds.find((kind) => kind.id === 'reissue')?.grounds?.find((ground) => ground.id === 'spin-off-or-division');
    expect(spinOff?.resultCap).toMatchObject({ amount: 15, unit: 'workingDays' });
    expect(cap(accreditation, 'issue')).toEqual(wd(15));
    expect(cap(accreditation, 'reissue')).toEqual(wd(15));
    expect(annexText(1)).toContain('сегіз жұмыс күнінен аспайды');
    expect(annexText(2)).toContain('он үш жұмыс күнінен аспайды');
    expect(annexText(3)).toContain('үш жұмыс күнінен аспайды');
  });

  it('keeps step durations in the seed\'s own units', () => {
    const flaring = byId('seed003.raw-gas-flaring-permit');
    expect(stepDuration(flaring, 'permit', 'register')).toBeNull(); // "on the day of receipt"
    expect(stepDuration(flaring, 'permit', 'assign-by-management')).toEqual({ amount: 6, maxAmount: undefined, unit: 'workingHours' });
    expect(stepDuration(flaring, 'permit', 'completeness-check')).toEqual({ amount: 12, maxAmount: undefined, unit: 'workingHours' });
    expect(stepDuration(flaring, 'permit', 'substantive-check')).toEqual({ amount: 6, maxAmount: undefined, unit: 'workingDays' });

    const offshore = byId('seed003.offshore-objects-permit');
    expect(stepDuration(offshore, 'permit', 'state-bodies-request')).toBeNull(); // "within the indicated time"
    expect(stepDuration(offshore, 'permit', 'state-bodies-request-agree')).toEqual({ amount: 4, maxAmount: undefined, unit: 'workingHours' });
    expect(stepDuration(offshore, 'permit', 'state-bodies-answer')).toEqual({ amount: 7, maxAmount: undefined, unit: 'workingDays' });
    expect(stepDuration(offshore, 'permit', 'answers-analysis')).toEqual({ amount: 4, maxAmount: undefined, unit: 'workingDays' });

    const license = byId('seed003.hydrocarbon-license');
    expect(stepDuration(license, 'issue', 'ts-conclusion')).toEqual({ amount: 9, maxAmount: undefined, unit: 'workingDays' });
    // «тоғыз күннің ішінде»: "nine days" without "working", recorded literally.
    expect(stepDuration(license, 'issue', 'provider-employee-conclusion')).toEqual({ amount: 9, maxAmount: undefined, unit: 'calendarDays' });
    expect(stepDuration(license, 'issue', 'conclusion-analysis')).toEqual({ amount: 3, maxAmount: undefined, unit: 'workingDays' });
    expect(stepDuration(license, 'issue', 'draft-result')).toEqual({ amount: 1, maxAmount: undefined, unit: 'workingDays' });
    expect(stepDuration(license, 'reissue', 'simple-review')).toEqual({ amount: 3, maxAmount: undefined, unit: 'workingDays' });
    expect(stepDuration(license, 'reissue', 'simple-sign')).toEqual({ amount: 4, maxAmount: undefined, unit: 'workingHours' });
    expect(stepDuration(license, 'reissue', 'spinoff-completeness-check')).toEqual({ amount: 2, maxAmount: undefined, unit: 'workingDays' });
    expect(stepDuration(license, 'reissue', 'spinoff-ts-conclusion')).toEqual({ amount: 9, maxAmount: undefined, unit: 'workingDays' });

    const accreditation = byId('seed003.gas-network-accreditation');
    expect(stepDuration(accreditation, 'issue', 'ts-conclusion')).toEqual({ amount: 9, maxAmount: undefined, unit: 'workingDays' });
    expect(stepDuration(accreditation, 'reissue', 'final-sign')).toEqual({ amount: 6, maxAmount: undefined, unit: 'workingHours' });
  });

  it('lists the six license re-issue grounds, the spin-off/division one capped at 15 working days', () => {
    const reissue = kind(byId('seed003.hydrocarbon-license'), 'reissue');
    expect(reissue.grounds.map((g) => g.id)).toEqual([
      'entrepreneur-reregistered-or-name-or-address-changed',
      'legal-entity-name-or-location-changed',
      'object-address-changed-without-relocation',
      'reorganisation-merger-transformation-accession',
      'activity-type-or-subtype-name-changed',
      'spin-off-or-division',
    ]);
    const spinOff = reissue.grounds.find((g) => g.id === 'spin-off-or-division');
    if (spinOff === undefined) throw new Error('no spin-off/division ground');
    expect(spinOff.name.kk).toBe('заңды тұлға-лицензиатты бөліп шығару және бөліну нысанында қайта ұйымдастыру кезінде');
    expect(spinOff.resultCap?.source.quote).toContain('он бес жұмыс күнінен аспайды');
    expect(kind(byId('seed003.hydrocarbon-license'), 'issue').grounds).toEqual([]);
    expect(kind(byId('seed003.gas-network-accreditation'), 'reissue').grounds).toEqual([]); // the seed lists none
  });

  it('names the checklist items the seed names, deferring documents to the Standard', () => {
    for (const s of parsed) {
      for (const k of s.kinds) {
        const kinds = k.checklist.map((c) => c.kind);
        expect(kinds.slice(0, 2)).toEqual(['application', 'standardDocuments']);
        expect(k.checklist.find((c) => c.kind === 'standardDocuments')?.note).toMatch(/para 9 of the Standard .*not included/);
        expect(kinds.includes('paymentReceipt')).toBe(s.id === 'seed003.hydrocarbon-license');
        expect(kinds).not.toContain('informationForm'); // the seed names no information form
      }
    }
  });

  it('gives each service its results and refusals', () => {
    const ids = (s: Service) => [s.results.map((o) => o.id), s.refusals.map((o) => o.id)];
    expect(ids(byId('seed003.raw-gas-flaring-permit'))[0]).toEqual(['permit']);
    expect(ids(byId('seed003.hydrocarbon-license'))[0]).toEqual(['license-and-or-annex', 'reissued-license-and-or-annex']);
    expect(ids(byId('seed003.hydrocarbon-license'))[1]).toContain('portal-no-payment');
    expect(ids(byId('seed003.gas-network-accreditation'))[0]).toEqual(['accreditation-certificate', 'reissued-certificate']);
    for (const s of parsed) expect(s.refusals.map((o) => o.id)).toContain('refusal-of-further-consideration');
  });
});
