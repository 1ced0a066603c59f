import { describe, expect, it } from 'vitest';
import { buildRequestXml } from './requestDocument';
import { sampleRequestDocument } from './requestDocument.testkit';

const sample = sampleRequestDocument({
  form: { zeta: 'z', alpha: 'a & <b>' },
  attachments: [{ sha256: 'a'.repeat(64), fileName: 'паспорт "1".pdf', mimeType: 'application/pdf', size: 10 }],
});

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

  it('writes a legal-entity applicant with its BIN and name', () => {
    const xml = buildRequestXml(sampleRequestDocument({ applicant: { kind: 'legalEntity', bin: '120340001236', name: 'ЖШС «Мұра»' } }));
    expect(xml).toContain('<applicant kind="legalEntity" bin="120340001236"><name>ЖШС «Мұра»</name></applicant>');
  });

  it('keeps Kazakh letters as they are', () => {
    expect(buildRequestXml(sample)).toContain('<surname>Әлиев</surname>');
  });
});
