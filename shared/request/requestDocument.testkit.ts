/** A complete, valid request document for tests and benchmarks; override what a case is about. */
import type { RequestDocument } from './requestDocument';

export function sampleRequestDocument(overrides: Partial<RequestDocument> = {}): RequestDocument {
  return {
    submissionId: '0191d2b4-5c1e-7a2b-9c3d-4e5f60718293',
    localNumber: 'TRN-20261122-0001',
    catalogVersion: '2026.11.0',
    serviceId: 'seed004.monuments-works-license',
    requestKind: 'issue',
    office: { code: 'TRN', name: 'Оқу ЦОН' },
    operator: { iin: '900101300019', fullName: 'ОПЕРАТОР ТЕСТ' },
    applicant: { kind: 'individual', iin: '850515300013', surname: 'Әлиев', givenName: 'Нұрлан', patronymic: '' },
    form: {},
    attachments: [],
    createdAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}
