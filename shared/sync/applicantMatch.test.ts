import { describe, expect, it } from 'vitest';
import { compareIndividual, compareLegalEntity, comparePowerOfAttorney } from './applicantMatch';

const person = { iin: '900101300012', surname: 'Сейітов', givenName: 'Асхат', birthDate: '1990-01-01' };

describe('applicant match', () => {
  it('ignores case, spacing and ё', () => {
    expect(compareIndividual({ kind: 'individual', iin: person.iin, surname: ' сейітов ', givenName: 'АСХАТ' }, person)).toEqual({ match: true });
    expect(compareIndividual({ kind: 'individual', iin: person.iin, surname: 'Сейітов', givenName: 'Асхат' }, { ...person, givenName: 'Асхат' })).toEqual({ match: true });
    expect(compareIndividual({ kind: 'individual', iin: person.iin, surname: 'Пётров', givenName: 'Асхат' }, { ...person, surname: 'Петров' })).toEqual({ match: true });
  });

  it('reports a different name with both spellings', () => {
    expect(compareIndividual({ kind: 'individual', iin: person.iin, surname: 'Сейтов', givenName: 'Асхат' }, person)).toEqual({ match: false, registry: 'Сейітов Асхат', typed: 'Сейтов Асхат' });
  });

  it('refuses an inactive legal entity even when the name matches, and ignores quotes', () => {
    const entity = { bin: '080240000123', name: 'ТОО «Дала»', registeredAt: '2008-02-01', active: true };
    expect(compareLegalEntity({ kind: 'legalEntity', bin: entity.bin, name: 'ТОО "Дала"' }, entity)).toEqual({ match: true });
    expect(compareLegalEntity({ kind: 'legalEntity', bin: entity.bin, name: 'ТОО «Дала»' }, { ...entity, active: false })).toMatchObject({ match: false });
  });

  it('accepts a power of attorney only for this applicant and representative, unrevoked and in force on the day', () => {
    const record = { number: '12345671', principal: '900101300017', agentIin: '850515300016', notary: 'Нотариус', issuedAt: '2026-01-10', validUntil: '2026-12-31', revoked: false };
    const typed = { number: '12345671', principal: '900101300017', agentIin: '850515300016', onDay: '2026-11-23' };
    expect(comparePowerOfAttorney(typed, record)).toEqual({ match: true });
    expect(comparePowerOfAttorney({ ...typed, agentIin: '850515300024' }, record)).toMatchObject({ match: false });
    expect(comparePowerOfAttorney(typed, { ...record, revoked: true })).toMatchObject({ match: false, registry: '№ 12345671 (revoked)' });
    expect(comparePowerOfAttorney({ ...typed, onDay: '2027-01-01' }, record)).toMatchObject({ match: false, registry: '№ 12345671 (valid until 2026-12-31)' });
  });
});
