import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { KeyChoice } from '../../../../shared/host/hostApi';
import { messages } from '../../../../shared/i18n/messages';
import { i18nOptions } from '../../i18n/i18n';
import { KeyDetails, RefusedKeys } from './KeyDetails';
import { preselectedKey } from './keyPicker';

await i18next.use(initReactI18next).init({ ...i18nOptions, lng: 'ru' });

const known: KeyChoice = {
  id: 'GOST512_97ee1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b.p12',
  fileName: 'GOST512_97ee1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b.p12',
  kind: 'sign',
  algorithm: 'gost2015',
  certificate: { commonName: 'ЖҰМАБАЕВ ҚАЙРАТ', iin: '850101300127', bin: '123456789012', organization: 'ЦОН Астана', role: 'sign', validFrom: '2026-01-10T00:00:00Z', validTo: '2027-01-10T00:00:00Z' },
  refusal: null,
};
const auth: KeyChoice = { id: 'AUTH_RSA256_aa.p12', fileName: 'AUTH_RSA256_aa.p12', kind: 'auth', algorithm: 'rsa', certificate: null, refusal: { code: 'keys.notSigningKey', detail: null } };
const foreign: KeyChoice = { ...known, id: 'GOST512_bb.p12', fileName: 'GOST512_bb.p12', refusal: { code: 'keys.iinMismatch', detail: null } };
const unknown: KeyChoice = { id: 'RSA256_cc.p12', fileName: 'RSA256_cc.p12', kind: 'sign', algorithm: 'rsa', certificate: null, refusal: null };

describe('key picker', () => {
  it('shows a remembered key’s owner, IIN, organisation, algorithm, validity and purpose before the password', () => {
    const html = renderToStaticMarkup(<KeyDetails choice={known} />);
    expect(html).toContain('ЖҰМАБАЕВ ҚАЙРАТ');
    expect(html).toContain('850101300127');
    expect(html).toContain('ЦОН Астана · 123456789012');
    expect(html).toContain(messages.ru.sign.algorithm_gost2015);
    expect(html).toContain('10.01.2026 – 10.01.2027');
    expect(html).toContain(messages.ru.sign.purpose_sign);
    expect(html).toContain(messages.ru.sign.keyCanSign);
  });

  it('says why a key cannot sign, and what is not known before the first unlock', () => {
    const refused = renderToStaticMarkup(<RefusedKeys keys={[known, auth, foreign]} />);
    expect(refused).toContain(messages.ru.errors['keys.notSigningKey']);
    expect(refused).toContain(messages.ru.errors['keys.iinMismatch']);
    expect(refused).not.toContain(`data-key="${known.id}"`);
    expect(renderToStaticMarkup(<KeyDetails choice={unknown} />)).toContain(messages.ru.sign.keyNotKnownYet);
  });

  it('offers first a key known to sign for the operator, never one that cannot', () => {
    expect(preselectedKey([auth, unknown, known])).toBe(known.id);
    expect(preselectedKey([auth, foreign, unknown])).toBe(unknown.id);
    expect(preselectedKey([auth, foreign])).toBe('');
  });
});
