import { describe, expect, it } from 'vitest';
import { almatyDate, formatAlmaty } from '../calendar/workingDays';
import { bundledCatalog, findKind } from './catalog';
import type { StepOutcome } from './catalogSchema';
import { expectedResultAt, outcomeOf, requestPath, stepDeadlines, type PathQuery } from './deadlines';

// Monday 2 Nov 2026, 10:00 Almaty: no holidays in the following three weeks.
const submitted = '2026-11-02T10:00:00+05:00';
const kind = (serviceId: string, kindId: string) => findKind(bundledCatalog, serviceId, kindId)!;
const due = (serviceId: string, kindId: string, ground?: string) => {
  const at = expectedResultAt(kind(serviceId, kindId), submitted, ground);
  return at === null ? null : almatyDate(at);
};

describe('expected result dates from the catalog caps', () => {
  it('counts working days from the day after submission', () => {
    expect(due('seed004.monuments-works-license', 'issue')).toBe('2026-11-23'); // 15 WD
    expect(due('seed004.monuments-works-license', 'reissue')).toBe('2026-11-16'); // 10 WD
    expect(due('seed003.raw-gas-flaring-permit', 'permit')).toBe('2026-11-12'); // 8 WD
    expect(due('seed003.offshore-objects-permit', 'permit')).toBe('2026-11-19'); // 13 WD
    expect(due('seed003.hydrocarbon-license', 'reissue')).toBe('2026-11-05'); // 3 WD, simple grounds
  });

  it('uses a ground of its own cap where the seed gives one', () => {
    expect(due('seed003.hydrocarbon-license', 'reissue', 'spin-off-or-division')).toBe('2026-11-23'); // 15 WD
  });

  it('states no date where the seed states no cap, for every kind of every service', () => {
    for (const service of bundledCatalog.services) {
      for (const entry of service.kinds) {
        const at = expectedResultAt(entry, submitted);
        if (entry.resultCap === null) expect(at, `${service.id}/${entry.id}`).toBeNull();
        else expect(at, `${service.id}/${entry.id}`).toBeGreaterThan(Date.parse(submitted));
      }
    }
  });

  it('gives every timed step on the path a due moment after submission, in order', () => {
    const { due } = stepDeadlines(kind('seed004.monuments-works-license', 'issue'), submitted, { channel: 'serviceCentre', outcome: 'granted' });
    const timed = due.filter((step) => step.dueAt !== null).map((step) => step.dueAt!);
    expect(timed.length).toBeGreaterThan(3);
    expect([...timed].sort((a, b) => a - b)).toEqual(timed);
  });
});

// Issue 17 (3): Friday evening, five minutes before the office closes; 16 December is a holiday.
const friday = '2026-11-27T17:55:00+05:00';
const atCentre = (outcome: StepOutcome, extra: Partial<PathQuery> = {}): PathQuery => ({ channel: 'serviceCentre', outcome, ...extra });
const dueOf = (serviceId: string, kindId: string, query: PathQuery) => {
  const { due } = stepDeadlines(kind(serviceId, kindId), friday, query);
  return new Map(due.map((step) => [step.id, step.dueAt === null ? null : formatAlmaty(step.dueAt).slice(0, 16)]));
};
const ids = (serviceId: string, kindId: string, query: PathQuery) => requestPath(kind(serviceId, kindId), query).map((step) => step.id);

describe('the request’s own path through the step graph', () => {
  const license = 'seed003.hydrocarbon-license';

  it('counts hours as working hours: 6 hours from Friday 17:55 end on Monday 15:55 (09–13, 14–18)', () => {
    const due = dueOf(license, 'issue', atCentre('granted'));
    expect(due.get('assign-by-management')).toBe('2026-11-30T15:55');
    // Parallel work in one window: the head of department names the executor within the same 6 hours.
    expect(due.get('assign-by-head')).toBe('2026-11-30T15:55');
  });

  it('holds the first stage to 2 working days from applying (seed 003, every annex)', () => {
    for (const [serviceId, kindId] of [[license, 'issue'], ['seed003.raw-gas-flaring-permit', 'permit'], ['seed003.offshore-objects-permit', 'permit'], ['seed003.gas-network-accreditation', 'issue']] as const) {
      const steps = kind(serviceId, kindId).steps;
      const limited = steps.filter((step) => step.limit?.amount === 2 && step.limit.unit === 'workingDays').map((step) => step.id);
      expect(limited, serviceId).toEqual(expect.arrayContaining(['completeness-check', 'incomplete-agree', 'incomplete-sign']));
      // 12 working hours from Monday 15:55 would end Wednesday; the regulation's 2 working days end Tuesday.
      const returned = dueOf(serviceId, kindId, atCentre('returned'));
      expect(returned.get('completeness-check'), serviceId).toBe('2026-12-01T23:59');
      expect(returned.get('incomplete-sign'), serviceId).toBe('2026-12-01T23:59');
    }
  });

  it('brings the hydrocarbon licence filed Friday 17:55 due by its result deadline (2026-12-21) on each path', () => {
    const reissue = kind(license, 'reissue');
    expect(almatyDate(expectedResultAt(kind(license, 'issue'), friday)!)).toBe('2026-12-21');
    const paths: [string, PathQuery, string][] = [
      ['issue', atCentre('granted'), '2026-12-21'],
      ['issue', atCentre('refused'), '2026-12-21'],
      ['issue', atCentre('returned'), '2026-12-01'],
      ['issue', atCentre('granted', { reported: new Set(['provider-employee-conclusion']) }), '2026-12-21'],
      ['reissue', atCentre('granted', { groundId: 'legal-entity-name-or-location-changed' }), '2026-12-02'],
      ['reissue', atCentre('granted', { groundId: 'spin-off-or-division' }), '2026-12-21'],
    ];
    for (const [kindId, query, deadline] of paths) {
      const { due } = stepDeadlines(kind(license, kindId), friday, query);
      const last = Math.max(...due.map((step) => step.dueAt ?? 0));
      expect(almatyDate(last), `${kindId} ${JSON.stringify({ ...query, reported: [...(query.reported ?? [])] })}`).toBe(deadline);
    }
    // Each ground's own deadline: 3 working days for the simple grounds, 15 for spin-off/division.
    expect(almatyDate(expectedResultAt(reissue, friday, 'legal-entity-name-or-location-changed')!)).toBe('2026-12-02');
    expect(almatyDate(expectedResultAt(reissue, friday, 'spin-off-or-division')!)).toBe('2026-12-21');
  });

  it('puts a re-issue on its ground’s procedure only', () => {
    const simple = ids(license, 'reissue', atCentre('granted', { groundId: 'activity-type-or-subtype-name-changed' }));
    expect(simple).toEqual(['register', 'assign-by-management', 'assign-by-head', 'simple-review', 'simple-agree', 'simple-sign']);
    const spinOff = ids(license, 'reissue', atCentre('granted', { groundId: 'spin-off-or-division' }));
    expect(spinOff.some((id) => id.startsWith('simple-'))).toBe(false);
    expect(spinOff).toContain('spinoff-ts-conclusion');
    expect(spinOff).not.toContain('spinoff-provider-employee-conclusion'); // the alternative shows once reported
  });

  it('ends a returned request at its branch and keeps failure branches off a licensed one', () => {
    const granted = ids(license, 'issue', atCentre('granted'));
    expect(granted).not.toContain('incomplete-agree');
    const returned = ids(license, 'issue', atCentre('returned'));
    expect(returned.slice(-2)).toEqual(['incomplete-agree', 'incomplete-sign']);
    expect(returned).not.toContain('control-request');
  });

  it('shows a seed 004 request taken at a ЦОН its Diagram No. 3 path only, not 19 steps', () => {
    const service = 'seed004.monuments-works-license';
    expect(kind(service, 'issue').steps).toHaveLength(20);
    expect(ids(service, 'issue', atCentre('granted'))).toEqual(['d3-login', 'd3-select-service', 'd3-send-to-databases', 'd3-fill-scan-sign', 'd3-submit', 'd3-register', 'd3-document-check', 'd3-handover']);
    expect(ids(service, 'issue', atCentre('refused')).at(-1)).toBe('d3-refusal');
    expect(ids(service, 'issue', atCentre('returned')).at(-1)).toBe('d3-data-unavailable');
    // The provider's check is bound by the kind's result time (Table 2 col. 9): 15 working days for issue.
    expect(dueOf(service, 'issue', atCentre('granted')).get('d3-document-check')).toBe('2026-12-21T23:59');
  });

  it('reads the outcome from the decision and the provider’s reports', () => {
    const issue = kind(license, 'issue');
    expect(outcomeOf(issue, null, new Set())).toBe('granted');
    expect(outcomeOf(issue, 'license', new Set())).toBe('granted');
    expect(outcomeOf(issue, 'refusal', new Set(['completeness-check']))).toBe('refused');
    expect(outcomeOf(issue, 'refusal', new Set(['incomplete-sign']))).toBe('returned');
  });

  it('keeps every path of every kind within its result deadline', () => {
    for (const service of bundledCatalog.services) {
      for (const entry of service.kinds) {
        for (const groundId of entry.grounds.length > 0 ? entry.grounds.map((ground) => ground.id) : [undefined]) {
          const deadline = expectedResultAt(entry, friday, groundId);
          for (const outcome of ['granted', 'refused', 'returned'] as const) {
            const { path, due } = stepDeadlines(entry, friday, atCentre(outcome, { groundId }));
            expect(path.length, `${service.id}/${entry.id}/${outcome}`).toBeGreaterThan(0);
            if (deadline !== null) for (const step of due) expect(step.dueAt ?? 0, `${service.id}/${entry.id}/${step.id}`).toBeLessThanOrEqual(deadline);
          }
        }
      }
    }
  });
});
