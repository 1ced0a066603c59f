import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { openKeyFile } from '../../electron/host/keys/pkcs12Container';
import { evaluateSignerCertificate } from './signerCertificate';

const root = join(import.meta.dirname, '../../test/fixtures/nca-test');
const read = (path: string) => readFileSync(join(root, path));
const certificateOf = (path: string) => {
  const bytes = read(path);
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END/.exec(bytes.toString('latin1'));
  return pkijs.Certificate.fromBER(new Uint8Array(pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : bytes));
};
const anchors = ['ca/root_rsa_test.pem', 'ca/root_gost_test.pem', 'ca/nca_rsa_test.pem', 'ca/nca_gost_test.pem', 'ca/nca_gost2015_test.cer'].map(certificateOf);
const crls = readdirSync(join(root, 'crl')).map((file) => pkijs.CertificateRevocationList.fromBER(new Uint8Array(read(`crl/${file}`))));
const keyCertificate = (path: string) => openKeyFile(read(`keys/${path}`), path.includes('2015') ? 'Aa123456' : 'Qwerty12').certificate;

const verdict = async (path: string, at: string, options: { withCrls?: boolean; anchors?: pkijs.Certificate[] } = {}) => {
  const result = await evaluateSignerCertificate(keyCertificate(path), { anchors: options.anchors ?? anchors, crls: options.withCrls === false ? [] : crls, at: new Date(at), crypto });
  return result.ok ? `ok:${result.revocation.status}` : result.problem;
};

describe('signer certificates of the real NCA test keys', () => {
  it.each([
    // GOST 34.10-2015, issued by the GOST TEST 2022 intermediate.
    ['key_individual_valid_2015.p12', '2023-01-10T00:00:00Z', 'ok:good'],
    ['key_individual_valid_2015.p12', '2023-08-01T00:00:00Z', 'expired'],
    ['key_individual_valid_2015.p12', '2022-07-01T00:00:00Z', 'notYetValid'],
    ['key_ceo_revoked_2015.p12', '2023-01-10T00:00:00Z', 'revoked'],
    // NCA's test CA revoked these keys before it issued them (CRL 10:25:30, notBefore 11:18:10): revoked throughout.
    ['key_ceo_revoked_2015.p12', '2022-07-27T12:00:00Z', 'revoked'],
    // GOST 34.310-2004 and RSA, issued by the ҰКО 3.0 TEST intermediates.
    ['key_ceo_sign_revoked_2004.p12', '2022-06-01T00:00:00Z', 'revoked'],
    ['key_individual_sign_revoked_2004.p12', '2022-06-01T00:00:00Z', 'revoked'],
    ['key_individual_auth_revoked_2004.p12', '2022-06-01T00:00:00Z', 'authKey'],
    ['key_individual_valid_sign_2004.p12', '2021-06-01T00:00:00Z', 'ok:good'],
    // The 2022 CRLs no longer list ncanode-go's 2020 keys (expired certificates leave a CRL), revoked or not.
    ['ncanode-go/personal/active/RSA256_11c707bd54cbfcccb3815e39c4eb57b1dc7dfea9.p12', '2020-06-01T00:00:00Z', 'ok:good'],
    ['ncanode-go/personal/revoked/RSA256_346a7e57c2995259140b6fc375b6ff3bba7e852f.p12', '2020-12-01T00:00:00Z', 'ok:good'],
    ['ncanode-go/personal/active/AUTH_RSA256_b2c70a9ff7a5dc59de0ccc3c0ddde3437cc1f12d.p12', '2020-06-01T00:00:00Z', 'authKey'],
    ['ncanode-go/organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.p12', '2020-06-01T00:00:00Z', 'ok:good'],
    ['ncanode-go/organization/revoked/GOSTKNCA_c372b7809440fcb681051bbc89ea2f089fd2fe16.p12', '2020-12-01T00:00:00Z', 'ok:good'],
  ])('%s at %s: %s', async (path, at, expected) => {
    expect(await verdict(path, at)).toBe(expected);
  });
});

describe('what the evaluation needs', () => {
  const valid2015 = 'key_individual_valid_2015.p12';
  const at = '2023-01-10T00:00:00Z';

  it('refuses a chain to no pinned certificate', async () => {
    expect(await verdict(valid2015, at, { anchors: anchors.slice(0, 4) })).toBe('untrustedChain');
  });

  it('says revocation is unknown when asked to require it and no CRL of the issuer is at hand', async () => {
    const result = await evaluateSignerCertificate(keyCertificate(valid2015), { anchors, crls: [], requireRevocation: true, at: new Date(at), crypto });
    expect(result.ok ? 'ok' : result.problem).toBe('revocationUnknown');
    expect(await verdict(valid2015, at, { withCrls: false })).toBe('ok:notChecked');
  });

  it('ignores a CRL whose signature does not verify', async () => {
    const der = new Uint8Array(read('crl/nca_gost2022_test.crl'));
    der[der.length - 10] = der[der.length - 10]! ^ 0x01;
    const forged = pkijs.CertificateRevocationList.fromBER(der);
    const result = await evaluateSignerCertificate(keyCertificate('key_ceo_revoked_2015.p12'), { anchors, crls: [forged], at: new Date(at), crypto });
    expect(result.ok && result.revocation.status).toBe('notChecked');
  });

  it('tells the signer facts: IIN, BIN, algorithm, role', async () => {
    const result = await evaluateSignerCertificate(keyCertificate('key_ceo_revoked_2015.p12'), { anchors, at: new Date('2022-07-27T10:20:00Z'), crypto });
    expect(result.signer).toMatchObject({ iin: '123456789011', bin: '123456789021', keyAlgorithm: 'gost2015', role: 'sign' });
  });
});
