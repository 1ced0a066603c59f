import { describe, expect, it } from 'vitest';
import { almatyDate } from '../calendar/workingDays';
import { bundledCatalog, findKind } from './catalog';
import { expectedResultAt, stepDeadlines } from './deadlines';

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

  it('gives every timed step a due moment after submission, in order', () => {
    const steps = stepDeadlines(kind('seed004.monuments-works-license', 'issue'), submitted);
    const timed = steps.filter((step) => step.dueAt !== null).map((step) => step.dueAt!);
    expect(timed.length).toBeGreaterThan(3);
    expect([...timed].sort((a, b) => a - b)).toEqual(timed);
  });
});
