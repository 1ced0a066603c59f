/**
 * Smoke benchmark: building the canonical request XML that gets signed, against JSON.stringify of the same
 * request as the reference. It guards the builder from becoming the slow step of signing a request.
 */
import { buildRequestXml, type RequestDocument } from '../shared/request/requestDocument';
import { medianMicros, resultLine } from './measure';

export function sampleRequest(fields = 60): RequestDocument {
  return {
    submissionId: '0191d2b4-5c1e-7a2b-9c3d-4e5f60718293',
    localNumber: 'TRN-20261122-0001',
    catalogVersion: '2026.11.0',
    serviceId: 'seed004.monuments-works-license',
    requestKind: 'issue',
    office: { code: 'TRN', name: 'Оқу ХҚКО' },
    operator: { iin: '900101400019', fullName: 'СЕЙІТОВА АЙГЕРІМ' },
    applicant: { iin: '850515300016', surname: 'Әлиев', givenName: 'Нұрлан', patronymic: 'Серікұлы' },
    form: Object.fromEntries(Array.from({ length: fields }, (_, i) => [`field${i}`, `мән «${i}» & <${i}>`])),
    attachments: Array.from({ length: 8 }, (_, i) => ({ sha256: String(i % 10).repeat(64), fileName: `құжат-${i}.pdf`, mimeType: 'application/pdf', size: 120_000 + i })),
    createdAt: '2026-11-22T10:00:00.000Z',
  };
}

export function run(options?: { rounds?: number; iterations?: number }): string {
  const request = sampleRequest();
  const ours = medianMicros(() => buildRequestXml(request), options);
  const reference = medianMicros(() => JSON.stringify(request), options);
  return resultLine('smoke', ours / reference, { xml_us: ours, json_us: reference, fields: 60, attachments: 8 }, 'buildRequestXml time / JSON.stringify time, same request');
}
