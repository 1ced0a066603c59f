/** Test-only helpers: a fresh database on fake-indexeddb and a draft request to work with. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { QabylDatabase, type RequestRow } from './database';
import type { FieldKeys } from './fieldCrypto';

let counter = 0;

/** Field keys made for this test run, as the host's `vault.keys` would hand them over. */
export const testFieldKeys: FieldKeys = { fieldKey: crypto.getRandomValues(new Uint8Array(32)), indexKey: crypto.getRandomValues(new Uint8Array(32)) };

/** Opens (or reopens, given the same name) a database on the in-process fake IndexedDB. */
export function openTestDb(name = `qabyl-test-${++counter}`, keys: FieldKeys = testFieldKeys): QabylDatabase {
  return new QabylDatabase(keys, name, { indexedDB, IDBKeyRange });
}

export function draftRequest(id: string, overrides: Partial<RequestRow> = {}): RequestRow {
  return {
    id,
    localNumber: `ALM01-20250314-${id.slice(-4)}`,
    catalogVersion: '2025.1',
    serviceId: 'pharmacy-license',
    requestKind: 'issue',
    operatorId: 'op-1',
    applicantIin: '900101300012',
    applicant: { surname: 'Сейітов', givenName: 'Асхат', patronymic: 'Маратұлы' },
    form: { address: 'Алматы, Абай даңғылы 10' },
    status: 'draft',
    createdAt: '2025-03-14T05:00:00.000Z',
    updatedAt: '2025-03-14T05:00:00.000Z',
    ...overrides,
  };
}

export const signer = { iin: '850515300019', commonName: 'ОПЕРАТОР ТЕСТ', serialNumber: '3a5f', notAfter: '2026-01-01T00:00:00Z' };

export const attachment = { sha256: 'a'.repeat(64), fileName: 'passport.pdf', mimeType: 'application/pdf' };
