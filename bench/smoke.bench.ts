/**
 * Smoke benchmark: building the canonical request XML that gets signed, against JSON.stringify of the same
 * request as the reference. It guards the builder from becoming the slow step of signing a request.
 */
import { buildRequestXml } from '../shared/request/requestDocument';
import { sampleRequestDocument } from '../shared/request/requestDocument.testkit';
import { medianMicros, resultLine } from './measure';

function sampleRequest(fields = 60) {
  return sampleRequestDocument({
    applicant: { kind: 'individual', iin: '850515300013', surname: 'Әлиев', givenName: 'Нұрлан', patronymic: 'Серікұлы' },
    form: Object.fromEntries(Array.from({ length: fields }, (_, i) => [`field${i}`, `мән «${i}» & <${i}>`])),
    attachments: Array.from({ length: 8 }, (_, i) => ({ sha256: String(i % 10).repeat(64), fileName: `құжат-${i}.pdf`, mimeType: 'application/pdf', size: 120_000 + i })),
  });
}

export function run(options?: { rounds?: number; iterations?: number }): string {
  const request = sampleRequest();
  const ours = medianMicros(() => buildRequestXml(request), options);
  const reference = medianMicros(() => JSON.stringify(request), options);
  return resultLine('smoke', ours / reference, { xml_us: ours, json_us: reference, fields: 60, attachments: 8 }, 'buildRequestXml time / JSON.stringify time, same request');
}
