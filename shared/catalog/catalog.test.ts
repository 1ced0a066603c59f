import { describe, expect, it } from 'vitest';
import { bundledCatalog, findKind } from './catalog';

describe('bundled catalog', () => {
  it('holds every service the five seeds regulate, with unique ids', () => {
    const ids = bundledCatalog.services.map((service) => service.id);
    expect(new Set(ids).size).toBe(ids.length);
    const perSeed = (seed: string) => bundledCatalog.services.filter((service) => service.source.seed === seed).length;
    // seed 000: the license + the named-but-absent registration regulation; 001: six licenses; 002: one; 003: four; 004: one.
    expect([perSeed('seed-000'), perSeed('seed-001'), perSeed('seed-002'), perSeed('seed-003'), perSeed('seed-004')]).toEqual([2, 6, 1, 4, 1]);
    expect(bundledCatalog.services.find((service) => service.id === 'seed000.space-objects-registration')?.availability).toBe('textNotAvailable');
  });

  it('gives every available service at least one request kind and every kind a checklist', () => {
    for (const service of bundledCatalog.services.filter((entry) => entry.availability === 'available')) {
      expect(service.kinds.length, service.id).toBeGreaterThan(0);
      for (const kind of service.kinds) expect(kind.checklist.length, `${service.id}/${kind.id}`).toBeGreaterThan(0);
    }
  });

  it('keeps the caps the issue names (8, 13, 15, 3 working days in seed 003; 15/10 in seed 004)', () => {
    const cap = (service: string, kind: string) => findKind(bundledCatalog, service, kind)?.resultCap;
    expect(cap('seed003.raw-gas-flaring-permit', 'permit')).toMatchObject({ amount: 8, unit: 'workingDays' });
    expect(cap('seed003.offshore-objects-permit', 'permit')).toMatchObject({ amount: 13, unit: 'workingDays' });
    expect(cap('seed003.hydrocarbon-license', 'issue')).toMatchObject({ amount: 15, unit: 'workingDays' });
    expect(cap('seed003.hydrocarbon-license', 'reissue')).toMatchObject({ amount: 3, unit: 'workingDays' });
    expect(cap('seed004.monuments-works-license', 'issue')).toMatchObject({ amount: 15, unit: 'workingDays' });
    expect(cap('seed004.monuments-works-license', 'reissue')).toMatchObject({ amount: 10, unit: 'workingDays' });
  });
});
