import { describe, expect, it } from 'vitest';
import { buildRequestXml, type RequestDocument } from './requestDocument';

const sample: RequestDocument = {
  submissionId: '0191d2b4-5c1e-7a2b-9c3d-4e5f60718293',
  localNumber: 'TRN-20261122-0001',
  catalogVersion: '2026.11.0',
  serviceId: 'seed004.archaeology-license',
  requestKind: 'issue',
  office: { code: 'TRN', name: 'Оқу ЦОН' },
  operator: { iin: '900101300019', fullName: 'ОПЕРАТОР ТЕСТ' },
  applicant: { iin: '850515300013', surname: 'Әлиев', givenName: 'Нұрлан', patronymic: '' },
  form: { zeta: 'z', alpha: 'a & <b>' },
  attachments: [{ sha256: 'a'.repeat(64), fileName: 'паспорт "1".pdf', mimeType: 'application/pdf', size: 10 }],
  createdAt: '2026-11-22T10:00:00.000Z',
};

describe('buildRequestXml', () => {
  it('is deterministic and orders form fields by id', () => {
    const xml = buildRequestXml(sample);
    expect(buildRequestXml({ ...sample, form: { alpha: 'a & <b>', zeta: 'z' } })).toBe(xml);
    expect(xml.indexOf('id="alpha"')).toBeLessThan(xml.indexOf('id="zeta"'));
  });

  it('escapes markup in every text and attribute', () => {
    const xml = buildRequestXml(sample);
    expect(xml).toContain('a &amp; &lt;b&gt;');
    expect(xml).toContain('паспорт &quot;1&quot;.pdf');
    expect(xml).not.toContain('<b>');
  });

  it('keeps Kazakh letters as they are', () => {
    expect(buildRequestXml(sample)).toContain('<surname>Әлиев</surname>');
  });
});
